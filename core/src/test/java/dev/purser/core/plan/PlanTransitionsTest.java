package dev.purser.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.PlanTransitions.Scope;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every pair of states, for plans and phases: the allowed ones pass, every other one is refused with a reason. */
class PlanTransitionsTest {

    /** The table as issue 14 states it, written out independently of the implementation. */
    static final Set<String> PLAN_ALLOWED = Set.of(
            "awaiting_approval>approved", "awaiting_approval>rejected", "awaiting_approval>cancelled",
            "rejected>awaiting_approval", "rejected>cancelled",
            "approved>awaiting_approval", "approved>scheduled", "approved>paused", "approved>cancelled",
            "scheduled>running", "scheduled>paused", "scheduled>cancelled", "scheduled>rolled_back",
            "running>verifying", "running>paused", "running>rolled_back", "running>failed",
            "verifying>scheduled", "verifying>done", "verifying>paused", "verifying>rolled_back", "verifying>failed",
            "paused>scheduled", "paused>cancelled", "paused>rolled_back");

    static final Set<String> PHASE_ALLOWED = Set.of(
            "awaiting_approval>approved", "awaiting_approval>cancelled",
            "approved>awaiting_approval", "approved>scheduled", "approved>cancelled",
            "scheduled>running", "scheduled>paused", "scheduled>cancelled",
            "running>verifying", "running>paused", "running>rolled_back", "running>failed",
            "verifying>done", "verifying>paused", "verifying>rolled_back", "verifying>failed",
            "paused>scheduled", "paused>cancelled", "paused>rolled_back",
            "done>rolled_back");

    @Test
    void plan_everyPairOfStates_matchesTheTable() {
        assertTable(Scope.PLAN, PLAN_ALLOWED);
    }

    @Test
    void phase_everyPairOfStates_matchesTheTable() {
        assertTable(Scope.PHASE, PHASE_ALLOWED);
    }

    private static void assertTable(Scope scope, Set<String> allowed) {
        int checked = 0;
        for (PlanState from : PlanState.values()) {
            for (PlanState to : PlanState.values()) {
                String pair = from.word() + ">" + to.word();
                if (allowed.contains(pair)) {
                    assertThat(PlanTransitions.refusal(scope, from, to)).as(pair).isEmpty();
                    assertThat(PlanTransitions.allowed(scope, from, to)).as(pair).isTrue();
                    PlanTransitions.check(scope, from, to);
                } else {
                    assertThat(PlanTransitions.refusal(scope, from, to)).as(pair).hasValueSatisfying(why -> assertThat(why)
                            .startsWith("a " + scope.word() + " cannot go from " + PlanTransitions.words(from) + " to "
                                    + PlanTransitions.words(to) + ": ")
                            .doesNotEndWith(": "));
                    assertThatThrownBy(() -> PlanTransitions.check(scope, from, to)).as(pair)
                            .isInstanceOfSatisfying(PurserException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
                }
                checked++;
            }
            Set<String> next = PlanTransitions.next(scope, from).stream().map(t -> from.word() + ">" + t.word())
                    .collect(Collectors.toSet());
            assertThat(next).as(from.word()).isEqualTo(allowed.stream().filter(p -> p.startsWith(from.word() + ">"))
                    .collect(Collectors.toSet()));
        }
        assertThat(checked).isEqualTo(PlanState.values().length * PlanState.values().length);
    }

    @Test
    void endedStates_haveNoWayOut() {
        for (PlanState end : Set.of(PlanState.CANCELLED, PlanState.DONE, PlanState.ROLLED_BACK, PlanState.FAILED)) {
            assertThat(PlanTransitions.next(Scope.PLAN, end)).as(end.word()).isEmpty();
            assertThat(PlanTransitions.refusal(Scope.PLAN, end, PlanState.SCHEDULED)).get().asString()
                    .endsWith(PlanTransitions.words(end) + " is final");
        }
    }

    @Test
    void refusal_namesWhy() {
        assertThat(PlanTransitions.refusal(Scope.PLAN, PlanState.RUNNING, PlanState.CANCELLED)).get().asString()
                .contains("a change is in progress");
        assertThat(PlanTransitions.refusal(Scope.PLAN, PlanState.APPROVED, PlanState.RUNNING)).get().asString()
                .isEqualTo("a plan cannot go from approved to running: a plan reaches running only from scheduled");
        assertThat(PlanTransitions.refusal(Scope.PLAN, PlanState.APPROVED, PlanState.ROLLED_BACK)).get().asString()
                .contains("nothing has been changed yet");
        assertThat(PlanTransitions.refusal(Scope.PHASE, PlanState.SCHEDULED, PlanState.SCHEDULED)).get().asString()
                .isEqualTo("a phase cannot go from scheduled to scheduled: it is already scheduled");
        assertThat(PlanTransitions.refusal(Scope.PHASE, PlanState.VERIFYING, PlanState.SCHEDULED)).get().asString()
                .startsWith("a phase cannot go from verifying to scheduled");
    }
}
