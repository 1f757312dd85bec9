package dev.purser.core.ingest;

/**
 * What {@link InventorySink#replaceScenario} or {@link InventorySink#mergeUsage} did (for a
 * merge, "replaced" counts the given resources that already existed and the samples of the
 * replaced series).
 *
 * @param resources        resources written
 * @param samples          usage samples written
 * @param replacedResources resources of the earlier load that were removed
 * @param replacedSamples  usage samples of the earlier load that were removed
 */
public record InventoryLoad(String scenario, int resources, long samples, int replacedResources,
        long replacedSamples) {
}
