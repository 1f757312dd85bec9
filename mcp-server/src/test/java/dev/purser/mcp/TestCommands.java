package dev.purser.mcp;

import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small registry run through the real dispatcher: a read-only command with typed arguments,
 * an import confined to one directory, an approver-only command, one whose database is down and
 * one whose kinds take different arguments.
 * Each handler counts its runs, so tests can prove a refused request ran nothing.
 */
final class TestCommands {

    static final ArgumentSpec<String> TEXT = ArgumentSpec.builder("text", ArgumentTypes.text())
            .description("What to echo back.").required().positional().build();
    static final ArgumentSpec<String> STYLE = ArgumentSpec.builder("style", ArgumentTypes.choice("plain", "loud"))
            .description("How to echo it.").defaultValue("plain").build();
    static final ArgumentSpec<Integer> TIMES = ArgumentSpec.builder("times", ArgumentTypes.integer(1, 5))
            .description("How many times.").defaultValue("1").build();
    static final ArgumentSpec<Boolean> CHART = ArgumentSpec.builder("chart", ArgumentTypes.bool())
            .description("Draw a chart of the echo.").flag().build();
    static final ArgumentSpec<String> PLAN = ArgumentSpec.builder("plan", ArgumentTypes.text())
            .description("The plan to approve.").required().build();

    static final ArgumentSpec<String> SOURCE = ArgumentSpec.builder("source", ArgumentTypes.choice("disk", "web"))
            .description("Where to fetch from.").required().build();
    static final ArgumentSpec<Boolean> FORCE = ArgumentSpec.builder("force", ArgumentTypes.bool())
            .description("Overwrite what is there.").defaultValue("false").flag().build();
    static final ArgumentSpec<String> URL = ArgumentSpec.builder("url", ArgumentTypes.text())
            .description("The address to download.").build();

    final AtomicInteger echoRuns = new AtomicInteger();
    final AtomicInteger fetchRuns = new AtomicInteger();
    final AtomicInteger importRuns = new AtomicInteger();
    final AtomicInteger approveRuns = new AtomicInteger();
    final CommandDispatcher dispatcher;

    TestCommands(Path importRoot) {
        ArgumentSpec<Path> file = ArgumentSpec.builder("file", ArgumentTypes.path(PathPolicy.of(importRoot)))
                .description("The CSV file to import.").required().build();
        CommandSpec echo = new CommandSpec("echo", "Echo", "Repeats text.",
                "Repeats the given text; use it to check that Purser answers.",
                List.of(TEXT, STYLE, TIMES, CHART), Role.VIEWER, Effect.READ_ONLY, (inv, ctx) -> {
                    echoRuns.incrementAndGet();
                    String text = inv.get(TEXT);
                    String said = "loud".equals(inv.get(STYLE)) ? text.toUpperCase(java.util.Locale.ROOT) : text;
                    int times = inv.get(TIMES);
                    Reply.Builder reply = Reply.builder("echo", "Echo")
                            .summary(String.join(" ", java.util.Collections.nCopies(times, said)))
                            .figure("times", "Times", Value.number(times, null))
                            .table(new Table("words", "Words", List.of(new Column("word", "Word", ValueType.TEXT)),
                                    List.of(List.of(Value.text(said))), List.of()))
                            .note("echoed for " + ctx.principal().displayName());
                    if (Boolean.TRUE.equals(inv.get(CHART))) {
                        reply.chart(new Chart("echo", "Echo chart", "A flat line", Chart.Kind.TIME_LINES,
                                new Chart.Axis("", "times"), List.of(new Chart.Series("echoes", List.of(
                                        new Chart.Point(Instant.parse("2026-11-01T00:00:00Z"), times),
                                        new Chart.Point(Instant.parse("2026-11-02T00:00:00Z"), times)), false)),
                                List.of()));
                    }
                    return reply.build();
                });
        CommandSpec importFile = new CommandSpec("import-file", "Import a file", "Imports a CSV.",
                "Imports a cost CSV from the allowed import directory.",
                List.of(file), Role.REQUESTER, Effect.REPLACES, (inv, ctx) -> {
                    importRuns.incrementAndGet();
                    Path path = inv.get(file);
                    try {
                        return Reply.builder("import-file", "Imported")
                                .summary("Imported " + path.getFileName() + " (" + Files.size(path) + " bytes)").build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        CommandSpec approve = new CommandSpec("approve", "Approve a plan", "Signs off a plan.",
                "Approves a proposed plan; for humans.", List.of(PLAN), Role.APPROVER, Effect.ADDS, (inv, ctx) -> {
                    approveRuns.incrementAndGet();
                    return Reply.builder("approve", "Approved").summary("Approved " + inv.get(PLAN)).build();
                });
        CommandSpec down = new CommandSpec("costs-db", "Costs from the database", "Needs the database.",
                "Reads costs from the database, which is down in this test.", List.of(), Role.VIEWER,
                Effect.READ_ONLY, (inv, ctx) -> {
                    throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                            "The cost database is not reachable; check that PostgreSQL is running and try again.");
                });
        CommandSpec fetch = new CommandSpec("fetch", "Fetch", "Fetches from disk or the web.",
                "Fetches something; each source takes its own arguments.", List.of(SOURCE, FORCE, URL), Role.VIEWER,
                Effect.READ_ONLY, (inv, ctx) -> {
                    fetchRuns.incrementAndGet();
                    return Reply.builder("fetch", "Fetched").summary("Fetched from " + inv.get(SOURCE)).build();
                }).withKinds(new ArgumentKinds("source", List.of(
                        new ArgumentKinds.Kind("disk", "the local disk", List.of("force"), List.of()),
                        new ArgumentKinds.Kind("web", "a download", List.of("url"), List.of("url")))));
        this.dispatcher = new CommandDispatcher(CommandRegistry.of(echo, importFile, approve, down, fetch));
    }

    static Principal principal(Role... roles) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        set.addAll(List.of(roles));
        return new Principal("test", "test", set, false);
    }

}
