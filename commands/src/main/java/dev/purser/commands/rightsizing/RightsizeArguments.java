package dev.purser.commands.rightsizing;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.Invocation;
import dev.purser.commands.PathPolicy;
import dev.purser.core.analysis.recommendations.RightsizeKind;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InputLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of {@code rightsize}, declared once, and what an invocation of them means: the
 * kinds in scope, a positive budget, the compose file's text, and whether the answer rests on
 * files alone ({@code --stats}, {@code --compose}, {@code --host}).
 */
final class RightsizeArguments {

    final ArgumentSpec<String> target;
    final ArgumentSpec<String> kind;
    final ArgumentSpec<Duration> window;
    final ArgumentSpec<String> account;
    final ArgumentSpec<BigDecimal> budget;
    final ArgumentSpec<String> without;
    final ArgumentSpec<Path> compose;
    final ArgumentSpec<Path> stats;
    final ArgumentSpec<String> host;
    final ArgumentSpec<Boolean> patched;
    final ArgumentSpec<Boolean> chart;

    RightsizeArguments(PathPolicy paths) {
        this.target = ArgumentSpec.builder("target", ArgumentTypes.text())
                .description("One resource (id or name), a compose service or host, or a scenario; all when absent")
                .positional().build();
        this.kind = ArgumentSpec.builder("kind", ArgumentTypes.choice("droplet", "vm", "db", "container", "k8s"))
                .description("Only machines (droplet, vm), database clusters (db), compose services or k8s containers")
                .build();
        this.window = ArgumentSpec.builder("window", ArgumentTypes.days())
                .description("Usage window ending now, in days: 30d by default; under 14 days lowers confidence")
                .defaultValue("30d").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Only this account or scenario, as its inventory was stored").build();
        this.budget = ArgumentSpec.builder("budget", ArgumentTypes.decimal())
                .description("Monthly budget in USD a compose stack must fit; the host's stored budget otherwise")
                .build();
        this.without = ArgumentSpec.builder("without", ArgumentTypes.text())
                .description("What-if: a compose service to leave out (repeatable), as in --without elasticsearch")
                .multiple().build();
        this.compose = ArgumentSpec.builder("compose", ArgumentTypes.path(paths))
                .description("A docker-compose.yml to size instead of the one stored with the host").build();
        this.stats = ArgumentSpec.builder("stats", ArgumentTypes.path(paths))
                .description("docker stats JSON lines to size the --compose stack from, instead of stored usage")
                .build();
        this.host = ArgumentSpec.builder("host", ArgumentTypes.text())
                .description("With --stats: the host's catalog size, e.g. s-4vcpu-8gb").build();
        this.patched = ArgumentSpec.builder("patched", ArgumentTypes.bool())
                .description("Show the whole patched compose file, not only its diff").flag().defaultValue("false")
                .build();
        this.chart = ArgumentSpec.builder("chart", ArgumentTypes.bool())
                .description("Draw usage against current and proposed capacity for the target (or the top saving)")
                .flag().defaultValue("false").build();
    }

    /** In the order usage text and schemas list them. */
    List<ArgumentSpec<?>> all() {
        return List.of(target, kind, window, account, budget, without, compose, stats, host, patched, chart);
    }

    Set<RightsizeKind> kinds(Invocation inv) {
        String word = inv.get(kind);
        if (word == null) {
            return EnumSet.allOf(RightsizeKind.class);
        }
        return switch (word) {
            case "droplet", "vm" -> EnumSet.of(RightsizeKind.VM);
            case "db" -> EnumSet.of(RightsizeKind.DATABASE);
            case "container" -> EnumSet.of(RightsizeKind.CONTAINER);
            case "k8s" -> EnumSet.of(RightsizeKind.KUBERNETES);
            default -> throw new IllegalStateException("unhandled kind word " + word);
        };
    }

    /** The {@code --budget} given, checked positive; null when absent. */
    BigDecimal budget(Invocation inv) {
        BigDecimal b = inv.get(budget);
        if (b != null && b.signum() <= 0) {
            throw PurserException.badArgument("budget must be positive: " + b.toPlainString());
        }
        return b;
    }

    /** The text of the {@code --compose} file, empty when none was given. */
    Optional<String> composeYaml(Invocation inv) {
        Path file = inv.get(compose);
        if (file == null) {
            return Optional.empty();
        }
        try {
            // a compose file is a few KiB; one far larger is refused before it is read whole
            if (Files.size(file) > InputLimits.MAX_WHOLE_FILE_BYTES) {
                throw new PurserException(ErrorCode.MALFORMED_FILE, file.getFileName() + ":1: the compose file is"
                        + " larger than " + (InputLimits.MAX_WHOLE_FILE_BYTES >> 20) + " MiB; this is not one");
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "could not read the compose file " + file, e);
        }
    }

    boolean wantsChart(Invocation inv) {
        return Boolean.TRUE.equals(inv.get(chart));
    }

    boolean wantsPatched(Invocation inv) {
        return Boolean.TRUE.equals(inv.get(patched));
    }

    /**
     * The host size of a files-only answer ({@code --stats}), trimmed; empty when the answer comes
     * from stored inventory. {@code --host} without {@code --stats}, or {@code --stats} without
     * {@code --compose} and {@code --host}, is a user error.
     */
    Optional<String> filesOnlyHost(Invocation inv, Optional<String> yaml) {
        Path statsFile = inv.get(stats);
        String hostSize = inv.get(host);
        if (statsFile == null && hostSize != null) {
            throw PurserException.badArgument("--host " + hostSize + " goes with --stats FILE; a stored host's size"
                    + " comes from the inventory");
        }
        if (statsFile == null) {
            return Optional.empty();
        }
        if (yaml.isEmpty() || hostSize == null || hostSize.isBlank()) {
            throw PurserException.badArgument("--stats FILE sizes a stack from files: give --compose FILE and"
                    + " --host SIZE (a catalog size such as s-4vcpu-8gb) with it");
        }
        return Optional.of(hostSize.trim());
    }
}
