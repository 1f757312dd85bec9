package dev.purser.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live messages over a real database, with hand-written faces. */
class LiveMessagesTest {

    private PurserDatabase db;
    private FakePlans plans;
    private List<Runnable> queued;
    private LiveMessages live;
    private Recording slack;

    /** A face that records what it was asked to update and answers as told. */
    static final class Recording implements LiveMessages.Face {
        final String platform;
        final List<String> updates = new ArrayList<>();
        LiveMessages.Outcome answer = LiveMessages.Outcome.UPDATED;

        Recording(String platform) {
            this.platform = platform;
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public LiveMessages.Outcome update(String channel, String messageId, Reply reply) {
            if (answer == null) {
                throw new IllegalStateException("network down");
            }
            updates.add(channel + "/" + messageId + ": " + reply.figures().get(0).value().raw());
            return answer;
        }
    }

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        plans = new FakePlans();
        queued = new ArrayList<>();
        Executor later = queued::add;
        live = new LiveMessages(db.dataSource(), plans.dispatcher(), MutableClock.at("2026-11-15T10:00:00Z"), later);
        slack = new Recording("slack");
        live.register(slack);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Reply.Live plan7() {
        return plans.show("7").live().orElseThrow();
    }

    @Test
    void posted_sameMessageTwice_oneRecord() {
        live.posted(plan7(), "slack", "C1", "1.1");
        live.posted(plan7(), "slack", "C1", "1.1");

        assertThat(live.messages("plan:7")).hasSize(1);
    }

    @Test
    void posted_unknownPlatform_refusedAndNothingWritten() {
        assertThatThrownBy(() -> live.posted(plan7(), "teams", "C1", "1.1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plan:7");

        assertThat(live.messages("plan:7")).isEmpty();
    }

    @Test
    void refresh_runsInTheBackground_rendersOnceAsAViewer_updatesEachCopy() {
        live.posted(plan7(), "slack", "C1", "1.1");
        live.posted(plan7(), "slack", "C2", "2.2");
        plans.approvals.put("7", new ArrayList<>(List.of("alice")));

        live.refresh("plan:7");
        assertThat(slack.updates).isEmpty();
        queued.forEach(Runnable::run);

        assertThat(slack.updates).containsExactly("C1/1.1: 1 of 2: @alice", "C2/2.2: 1 of 2: @alice");
        assertThat(plans.runs).containsExactly("plan 7 as " + LiveMessages.VIEWER.id());
    }

    @Test
    void refreshNow_platformWithoutAFaceHere_skipped() {
        live.posted(plan7(), "discord", "900000000000000001", "1400000000000000001");

        assertThat(live.refreshNow("plan:7")).isZero();
        assertThat(live.messages("plan:7")).hasSize(1);
    }

    @Test
    void refreshNow_viewAnswersAnError_messagesLeftAsTheyWere() {
        Reply.Live gone = new Reply.Live("plan:9", FollowUp.to("Show", "no-such-command").build());
        live.posted(gone, "slack", "C1", "1.1");

        assertThat(live.refreshNow("plan:9")).isZero();
        assertThat(slack.updates).isEmpty();
        assertThat(live.messages("plan:9")).hasSize(1);
    }

    @Test
    void refreshNow_updateFailsOrThrows_keptForTheNextChange_goneIsForgotten() {
        live.posted(plan7(), "slack", "C1", "1.1");
        slack.answer = null;
        assertThat(live.refreshNow("plan:7")).isZero();
        slack.answer = LiveMessages.Outcome.FAILED;
        assertThat(live.refreshNow("plan:7")).isZero();
        assertThat(live.messages("plan:7")).hasSize(1);

        slack.answer = LiveMessages.Outcome.GONE;
        live.refreshNow("plan:7");

        assertThat(live.messages("plan:7")).isEmpty();
    }

    @Test
    void subjectChanges_listenerRefreshesTheAnnouncedSubjectOnly() {
        live.posted(plan7(), "slack", "C1", "1.1");
        live.posted(plans.show("8").live().orElseThrow(), "slack", "C1", "3.3");
        plans.changes.subscribe(live);

        plans.changes.changed("plan:8");
        queued.forEach(Runnable::run);

        assertThat(slack.updates).containsExactly("C1/3.3: 0 of 2");
    }
}
