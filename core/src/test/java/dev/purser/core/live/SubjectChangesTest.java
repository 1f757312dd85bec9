package dev.purser.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SubjectChangesTest {

    @Test
    void changed_everyListenerTold_evenAfterOneThrows() {
        SubjectChanges changes = new SubjectChanges();
        List<String> told = new ArrayList<>();
        changes.subscribe(s -> {
            throw new IllegalStateException("a broken listener");
        });
        changes.subscribe(told::add);

        changes.changed("plan:7");

        assertThat(told).containsExactly("plan:7");
    }

    @Test
    void changed_noListener_nothingHappens() {
        new SubjectChanges().changed("plan:7");
    }

    @Test
    void unsubscribe_notToldAnyMore() {
        SubjectChanges changes = new SubjectChanges();
        List<String> told = new ArrayList<>();
        Consumer<String> listener = told::add;
        changes.subscribe(listener);
        changes.unsubscribe(listener);

        changes.changed("plan:7");

        assertThat(told).isEmpty();
    }

    @Test
    void changed_blankOrSpacedSubject_refusedBeforeAnyListener() {
        SubjectChanges changes = new SubjectChanges();
        List<String> told = new ArrayList<>();
        changes.subscribe(told::add);

        assertThatThrownBy(() -> changes.changed(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changes.changed("plan 7")).hasMessageContaining("plan:7");
        assertThat(told).isEmpty();
    }
}
