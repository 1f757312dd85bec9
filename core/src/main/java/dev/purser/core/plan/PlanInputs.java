package dev.purser.core.plan;

import java.util.List;

/** Where plans find the recommendations they are made from. */
public interface PlanInputs {

    /**
     * The recommendations with these stable ids, in the order given.
     *
     * @throws dev.purser.core.error.PurserException NOT_FOUND naming every id that matches no
     *         current recommendation
     */
    List<Candidate> candidates(List<String> recommendationIds);
}
