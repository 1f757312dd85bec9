package dev.purser.core.analysis.recommendations;

import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import java.util.Objects;

/**
 * One docker-compose stack and the host it runs on.
 *
 * @param composeSource   where the compose text came from, in words
 * @param hostRecommendation the host's own answer: the cheapest size that carries the stack
 */
public record ComposeStack(String scenario, String hostId, String hostName, String composeSource,
        ComposeAnalysis analysis, Recommendation hostRecommendation) {

    public ComposeStack {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(composeSource, "composeSource");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(hostRecommendation, "hostRecommendation");
    }
}
