package dev.purser.core.store;

/**
 * What {@link InventoryRepository#replaceScenario} did.
 *
 * @param resources        resources written
 * @param samples          usage samples written
 * @param replacedResources resources of the earlier load that were removed
 * @param replacedSamples  usage samples of the earlier load that were removed
 */
public record InventoryLoad(String scenario, int resources, long samples, int replacedResources,
        long replacedSamples) {
}
