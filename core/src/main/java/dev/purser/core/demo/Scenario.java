package dev.purser.core.demo;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One generated demo scenario: its bill as FOCUS rows, its inventory, its usage and the anomalies
 * planted in it.
 *
 * @param name             {@code mandible}, {@code investment} or {@code livyflow}
 * @param story            one line saying what the team needs
 * @param lineItems        daily FOCUS rows over 184 days ending on the last day
 * @param inventory        the resources as the provider's API would list them on the last day
 * @param usage            15-minute samples over the 35 days ending on the last day
 * @param plantedAnomalies ground truth for the anomaly detector
 * @param dockerCompose    the {@code docker-compose.yml} text, or null when the scenario has none
 */
public record Scenario(
        String name,
        String story,
        List<CostLineItem> lineItems,
        List<Resource> inventory,
        List<UsageSeries> usage,
        List<PlantedAnomaly> plantedAnomalies,
        String dockerCompose) {

    /** File name suffix of the gzipped FOCUS export {@link #writeFiles} writes. */
    public static final String FOCUS_SUFFIX = ".focus.csv.gz";

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(story, "story");
        lineItems = List.copyOf(lineItems);
        inventory = List.copyOf(inventory);
        usage = List.copyOf(usage);
        plantedAnomalies = List.copyOf(plantedAnomalies);
    }

    public Optional<String> dockerComposeFile() {
        return Optional.ofNullable(dockerCompose);
    }

    /**
     * Writes {@code <name>.focus.csv.gz} and, when the scenario has one, {@code docker-compose.yml}
     * into {@code dir} (created if missing), replacing files of those names.
     *
     * @return the written paths, FOCUS file first
     * @throws PurserException INTERNAL_ERROR when a file cannot be written
     */
    public List<Path> writeFiles(Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Path focus = dir.resolve(name + FOCUS_SUFFIX);
            FocusCsvWriter.write(lineItems, focus);
            written.add(focus);
            if (dockerCompose != null) {
                Path compose = dir.resolve("docker-compose.yml");
                Files.writeString(compose, dockerCompose, StandardCharsets.UTF_8);
                written.add(compose);
            }
        } catch (IOException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR,
                    "could not write the " + name + " demo files into " + dir, e);
        }
        return List.copyOf(written);
    }
}
