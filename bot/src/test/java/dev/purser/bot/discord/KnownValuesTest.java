package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.FakeCostQueries;
import dev.purser.commands.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class KnownValuesTest {

    private static final ArgumentSpec<String> TARGET = ArgumentSpec.builder("target", ArgumentTypes.text())
            .description("What it acts on").positional().build();

    private static CommandSpec command(String name) {
        return new CommandSpec(name, "T", "t", "A command for the autocomplete test.", List.of(TARGET), Role.VIEWER,
                Effect.ADDS, (invocation, context) -> Reply.builder(name, "T").build());
    }

    @Test
    void planTargets_offerTheRecommendationIds_readInTheBackground_atMostOncePerInterval() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        AtomicInteger reads = new AtomicInteger();
        KnownValues known = new KnownValues(new FakeCostQueries(), Set.of(), clock, () -> {
            reads.incrementAndGet();
            return List.of("rs-c1656b8035", "rs-6c120ecb0f");
        });

        assertThat(known.offers(command("plan"), TARGET)).isTrue();
        assertThat(known.offers(command("db"), TARGET)).as("no database targets configured").isFalse();
        // the first keystroke is answered at once, with what is known so far
        assertThat(known.values(command("plan"), TARGET)).isEmpty();
        within10s(() -> !known.values(command("plan"), TARGET).isEmpty());
        assertThat(known.values(command("plan"), TARGET)).containsExactly("rs-c1656b8035", "rs-6c120ecb0f");
        assertThat(reads).hasValue(1);

        clock.advance(Duration.ofMinutes(KnownValues.REFRESH_MINUTES));
        known.values(command("plan"), TARGET);
        within10s(() -> reads.get() == 2);
    }

    private static void within10s(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the background read finished within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void withoutPlans_planTargetsOfferNothing() {
        KnownValues known = new KnownValues(new FakeCostQueries(), Set.of(),
                new MutableClock(Instant.parse("2026-12-06T10:00:00Z")));
        assertThat(known.offers(command("plan"), TARGET)).isFalse();
    }
}
