package dev.purser.commands.audit;

import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentType;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Role;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditExport;
import dev.purser.core.audit.AuditJsonLines;
import dev.purser.core.audit.AuditText;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.audit.AuditVerification;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audit verify|show|export}: the hash-chained record of plan events, sign-offs and executor
 * calls.
 *
 * <ul>
 * <li>{@code audit verify} (viewer): recomputes the whole chain and names the first entry that no
 *     longer matches, and why. Anyone who may read plans may check that their record is whole.</li>
 * <li>{@code audit show <plan-or-subject>} (viewer): the entries about one subject, oldest first;
 *     text without a colon is a plan id ({@code 7} means subject {@code plan:7}), text with a
 *     colon ({@code resource:mandible-prod}) is the subject as recorded.</li>
 * <li>{@code audit export [--since 2026-12-01|7d|<instant>] [--file path]} (admin): the entries as
 *     JSON lines for a SIEM. With {@code --file}, written to a new file inside the configured
 *     directories (never over an existing one; a failed export leaves no file); without it, in
 *     the reply, up to {@value #REPLY_LIMIT} entries. Admin, because the export is the whole
 *     trail at once (every actor and comment), meant for machines, and writes a file.</li>
 * </ul>
 */
public final class AuditCommand {

    public static final String NAME = "audit";
    static final String VERIFY = "verify";
    static final String SHOW = "show";
    static final String EXPORT = "export";
    /** The most entries {@code audit show} lists and an export carries in a reply. */
    static final int REPLY_LIMIT = 1000;

    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})\\s*d(ays?)?");
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final AuditTrail trail;
    private final AuditExport export;
    private final PathPolicy files;
    private final ArgumentSpec<String> action;
    private final ArgumentSpec<String> subject;
    private final ArgumentSpec<Instant> since;
    private final ArgumentSpec<String> file;
    private final CommandSpec spec;

    private AuditCommand(AuditTrail trail, AuditExport export, PathPolicy files, Clock clock) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.export = Objects.requireNonNull(export, "export");
        this.files = files;
        Objects.requireNonNull(clock, "clock");
        this.action = ArgumentSpec.builder("action", ArgumentTypes.choice(VERIFY, SHOW, EXPORT))
                .description("verify the chain, show one plan's entries, or export entries as JSON lines (admin)")
                .required().positional().build();
        this.subject = ArgumentSpec.builder("subject", ArgumentTypes.text())
                .description("For show: a plan id (7) or a subject as recorded (plan:7)").positional().build();
        this.since = ArgumentSpec.builder("since", sinceType(clock))
                .description("For export: entries since a day (2026-12-01), a time (ISO-8601) or days back (7d)").build();
        this.file = ArgumentSpec.builder("file", ArgumentTypes.text())
                .description("For export: a new file in the allowed directories; else the lines come in the reply").build();
        List<ArgumentKinds.Kind> kinds = List.of(
                new ArgumentKinds.Kind(VERIFY, "recompute the hash chain and name the first entry that no longer "
                        + "matches", List.of(), List.of()),
                new ArgumentKinds.Kind(SHOW, "the entries about one plan or subject, oldest first",
                        List.of(subject.name()), List.of(subject.name())),
                new ArgumentKinds.Kind(EXPORT, "entries as JSON lines for a SIEM (admin)",
                        List.of(since.name(), file.name()), List.of()));
        this.spec = new CommandSpec(NAME, "Audit trail",
                "Verify, show or export the tamper-evident record of plans and sign-offs",
                "Every plan event, sign-off and executor call is appended to an audit trail in which each entry "
                        + "carries the SHA-256 hash of the one before, and the database refuses to change or delete "
                        + "entries. audit verify recomputes the chain and names the first entry that no longer "
                        + "matches (changed, unlinked or missing); audit show <plan> lists one plan's entries; audit "
                        + "export [--since 2026-12-01] [--file audit.jsonl] writes them as JSON lines for a SIEM "
                        + "(admin).",
                List.of(action, subject, since, file), Role.VIEWER, Effect.ADDS, this::handle)
                .withKinds(new ArgumentKinds(action.name(), kinds));
    }

    /**
     * @param trail  the trail to verify and read
     * @param export how to read it whole, in order
     * @param files  where {@code --file} may write; null when no directories are configured (then
     *               an export goes only into the reply)
     * @param clock  for {@code --since 7d}
     */
    public static CommandSpec create(AuditTrail trail, AuditExport export, PathPolicy files, Clock clock) {
        return new AuditCommand(trail, export, files, clock).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String a = invocation.get(action);
        return switch (a) {
            case VERIFY -> verify();
            case SHOW -> show(invocation);
            case EXPORT -> export(invocation, context);
            default -> throw new IllegalStateException("the action choice let through '" + a + "'");
        };
    }

    private Reply verify() {
        AuditVerification v = trail.verify();
        Reply.Builder reply = Reply.builder(NAME, v.intact() ? "Audit trail intact" : "Audit trail broken at entry "
                + v.firstMismatch().orElseThrow());
        reply.figure("entries_checked", "Entries checked", Value.number(v.entriesChecked(), null))
                .figure("intact", "Intact", Value.text(v.intact() ? "yes" : "no"))
                .figure("first_mismatch", "First entry that no longer matches",
                        v.firstMismatch().map(n -> Value.number(n, null)).orElse(Value.empty(ValueType.NUMBER)));
        if (v.intact()) {
            reply.summary(v.entriesChecked() == 0 ? "The audit trail is empty; there is nothing to verify yet."
                    : "All " + v.entriesChecked() + " entries of the audit trail match their hashes and link to the "
                    + "entry before; the chain ends where its head says.");
        } else {
            reply.summary("The audit trail no longer matches from entry " + v.firstMismatch().orElseThrow() + ": "
                    + v.reason() + ". " + v.entriesChecked() + " entries before it were checked and match.");
            reply.note("Nothing in Purser changes or removes audit entries: the database refuses it. A mismatch means "
                    + "someone changed the table directly, with its triggers disabled.");
        }
        return reply.build();
    }

    private Reply show(Invocation invocation) {
        String text = invocation.get(subject);
        String key = text.contains(":") ? text : "plan:" + text;
        List<AuditEntry> entries = trail.entries(key);
        Reply.Builder reply = Reply.builder(NAME, "Audit trail of " + key);
        if (entries.isEmpty()) {
            return reply.summary("The audit trail has no entries about " + key + ".")
                    .followUp(FollowUp.to("Verify the trail", NAME).positional(VERIFY)).build();
        }
        List<AuditEntry> shown = entries.size() > REPLY_LIMIT
                ? entries.subList(entries.size() - REPLY_LIMIT, entries.size()) : entries;
        List<List<Value>> rows = new ArrayList<>();
        for (AuditEntry e : shown) {
            rows.add(List.of(Value.number(e.sequence(), null), Value.text(SHOWN.format(e.recordedAt())),
                    Value.text(e.event().kind()), Value.text(e.event().actor()),
                    Value.text(AuditText.detailsLine(e.event())),
                    Value.text(e.hash().substring(0, 12))));
        }
        reply.summary(entries.size() + (entries.size() == 1 ? " entry" : " entries") + " about " + key + ", from "
                + SHOWN.format(entries.get(0).recordedAt()) + " to " + SHOWN.format(entries.get(entries.size() - 1)
                .recordedAt()) + ".")
                .table(new Table("entries", "Entries", List.of(
                        new Column("sequence", "#", ValueType.NUMBER),
                        new Column("recorded_at", "recorded", ValueType.TEXT),
                        new Column("kind", "event", ValueType.TEXT),
                        new Column("actor", "by", ValueType.TEXT),
                        new Column("details", "details", ValueType.TEXT),
                        new Column("hash", "hash", ValueType.TEXT)), rows, List.of()))
                .figure("entries", "Entries", Value.number(entries.size(), null));
        if (shown.size() < entries.size()) {
            reply.note("Only the newest " + REPLY_LIMIT + " entries are listed; audit export has them all.");
        }
        reply.note("Each hash covers the entry and the hash before it; audit verify checks the whole chain.");
        reply.followUp(FollowUp.to("Verify the trail", NAME).positional(VERIFY));
        return reply.build();
    }

    private Reply export(Invocation invocation, CommandContext context) {
        if (!context.principal().has(Role.ADMIN)) {
            throw new PurserException(ErrorCode.FORBIDDEN, "audit export needs the admin role, which "
                    + context.principal().displayName() + " does not have");
        }
        Optional<Instant> from = Optional.ofNullable(invocation.get(since));
        String target = invocation.get(file);
        String range = from.map(t -> " since " + SHOWN.format(t)).orElse("");
        if (target == null) {
            StringBuilder lines = new StringBuilder();
            long[] count = {0};
            export.forEach(from, e -> {
                if (++count[0] <= REPLY_LIMIT) {
                    lines.append(AuditJsonLines.write(e)).append('\n');
                }
            });
            if (count[0] > REPLY_LIMIT) {
                throw PurserException.badArgument("the trail holds " + count[0] + " entries" + range + ", more than the "
                        + REPLY_LIMIT + " a reply carries; export them to a file with --file, or narrow --since");
            }
            return Reply.builder(NAME, "Audit export").summary(count[0] + " audit "
                            + (count[0] == 1 ? "entry" : "entries") + range + " as JSON lines.")
                    .figure("entries", "Entries", Value.number(count[0], null))
                    .code(new CodeBlock("audit_jsonl", "Audit entries (JSON lines)", "jsonl", lines.toString()))
                    .build();
        }
        if (files == null) {
            throw new PurserException(ErrorCode.PATH_NOT_ALLOWED, "no directories are configured for files, so audit "
                    + "export cannot write one; leave out --file to get the lines in the reply");
        }
        Path path = files.resolveNew(target);
        long written = write(path, from);
        return Reply.builder(NAME, "Audit export written")
                .summary("Wrote " + written + " audit " + (written == 1 ? "entry" : "entries") + range
                        + " as JSON lines to " + path + ".")
                .figure("entries", "Entries", Value.number(written, null))
                .figure("file", "File", Value.text(path.toString()))
                .note("Each line carries its hash and the one before, so a SIEM can recompute the chain.")
                .build();
    }

    /** Streams into a new file; on any failure the partial file is removed, so no half export remains. */
    private long write(Path path, Optional<Instant> from) {
        boolean done = false;
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            long n = export.forEach(from, e -> {
                try {
                    out.write(AuditJsonLines.write(e));
                    out.write('\n');
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            done = true;
            return n;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw PurserException.badArgument("'" + path + "' already exists; choose a new file name");
        } catch (IOException | UncheckedIOException e) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "could not write the audit export to " + path, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // the failure being reported matters more than the leftover it could not remove
                }
            }
        }
    }

    private static ArgumentType<Instant> sinceType(Clock clock) {
        return new Simple<>("a day (2026-12-01), a time (2026-12-01T08:00:00Z) or days back (7d)",
                List.of("2026-12-01", "7d", "2026-12-01T08:00:00Z"), text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            Matcher m = DAYS.matcher(t);
            if (m.matches()) {
                return clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Integer.parseInt(m.group(1)) - 1L,
                        ChronoUnit.DAYS);
            }
            try {
                return t.contains("t") ? Instant.parse(text.trim()) : LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeException e) {
                throw PurserException.badArgument("'" + text + "' is not a day, a time or a window; expected for "
                        + "example 2026-12-01, 2026-12-01T08:00:00Z or 7d");
            }
        });
    }

    /** A string-typed argument parsed by a function. */
    private record Simple<T>(String expected, List<String> examples, Function<String, T> parser)
            implements ArgumentType<T> {
        @Override
        public T parse(String text) {
            return parser.apply(text);
        }

        @Override
        public JsonKind jsonKind() {
            return JsonKind.STRING;
        }
    }
}
