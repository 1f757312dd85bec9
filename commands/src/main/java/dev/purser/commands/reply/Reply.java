package dev.purser.commands.reply;

import dev.purser.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The neutral answer to a command. Every face renders this one model; none builds its own.
 *
 * @param command the command that produced it
 * @param summary one or two sentences with the headline numbers
 * @param codeBlocks preformatted text to show verbatim (diffs, patched files), after the tables
 * @param notes   what the answer could not know ("3 resources have no usage data"); every face
 *                shows them
 * @param error   present only for error replies
 * @param requestId    the id of the request this answers, when the face gave one (set by the dispatcher)
 * @param conversation where the request was asked, so a face can answer in its thread (set by the dispatcher)
 * @param live    present when this reply is the view of something that changes (a plan and its
 *                tally): chat faces remember where they posted it and update it in place
 */
public record Reply(
        String command,
        String title,
        String summary,
        List<Figure> figures,
        List<Table> tables,
        List<CodeBlock> codeBlocks,
        List<Chart> charts,
        List<FollowUp> followUps,
        List<String> notes,
        ErrorInfo error,
        Optional<String> requestId,
        Optional<ConversationRef> conversation,
        Optional<Live> live) {

    /**
     * What a reply is the live view of, and how to show it again.
     *
     * @param subject a stable key, {@code kind:id} ({@code plan:7}); whoever changes the subject
     *                announces this key, and every message showing it is re-rendered
     * @param refresh the command whose reply is the subject's current view ({@code plan show 7});
     *                run with viewer rights, since the message is public
     */
    public record Live(String subject, FollowUp refresh) {
        public Live {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(refresh, "refresh");
            if (subject.isBlank() || subject.length() > 200 || subject.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("live subject must be 1 to 200 characters without spaces: '"
                        + subject + "'");
            }
        }
    }

    /** A failure told in a sentence, with a code for machines and a reference for the logs. */
    public record ErrorInfo(ErrorCode code, String message, String referenceId) {
        public ErrorInfo {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    public Reply {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        figures = List.copyOf(figures);
        tables = List.copyOf(tables);
        codeBlocks = List.copyOf(codeBlocks);
        charts = List.copyOf(charts);
        followUps = List.copyOf(followUps);
        notes = List.copyOf(notes);
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(live, "live");
    }

    /** A reply that is no live view. */
    public Reply(String command, String title, String summary, List<Figure> figures, List<Table> tables,
            List<CodeBlock> codeBlocks, List<Chart> charts, List<FollowUp> followUps, List<String> notes,
            ErrorInfo error, Optional<String> requestId, Optional<ConversationRef> conversation) {
        this(command, title, summary, figures, tables, codeBlocks, charts, followUps, notes, error, requestId,
                conversation, Optional.empty());
    }

    /** A reply not yet tied to a request; the dispatcher ties it ({@link #answering}). */
    public Reply(String command, String title, String summary, List<Figure> figures, List<Table> tables,
            List<CodeBlock> codeBlocks, List<Chart> charts, List<FollowUp> followUps, List<String> notes,
            ErrorInfo error) {
        this(command, title, summary, figures, tables, codeBlocks, charts, followUps, notes, error, Optional.empty(),
                Optional.empty());
    }

    /** A reply without code blocks; kept for callers written before code blocks existed. */
    public Reply(String command, String title, String summary, List<Figure> figures, List<Table> tables,
            List<Chart> charts, List<FollowUp> followUps, List<String> notes, ErrorInfo error) {
        this(command, title, summary, figures, tables, List.of(), charts, followUps, notes, error);
    }

    /** The same reply, tied to the request it answers and the conversation it was asked in. */
    public Reply answering(Optional<String> request, Optional<ConversationRef> where) {
        return new Reply(command, title, summary, figures, tables, codeBlocks, charts, followUps, notes, error, request,
                where, live);
    }

    public boolean isError() {
        return error != null;
    }

    public static Reply error(String command, ErrorCode code, String message, String referenceId) {
        return new Reply(command, "Error", message, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new ErrorInfo(code, message, referenceId));
    }

    public static Builder builder(String command, String title) {
        return new Builder(command, title);
    }

    /** Accumulates the parts of a reply in the order they should be shown. */
    public static final class Builder {
        private final String command;
        private final String title;
        private String summary = "";
        private final List<Figure> figures = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<CodeBlock> codeBlocks = new ArrayList<>();
        private final List<Chart> charts = new ArrayList<>();
        private final List<FollowUp> followUps = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private Live live;

        private Builder(String command, String title) {
            this.command = command;
            this.title = title;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder figure(String key, String label, Value value) {
            figures.add(new Figure(key, label, value));
            return this;
        }

        public Builder table(Table table) {
            tables.add(table);
            return this;
        }

        public Builder code(CodeBlock block) {
            codeBlocks.add(block);
            return this;
        }

        /** @param language {@code yaml}, {@code diff}, ... or empty for plain text */
        public Builder code(String key, String title, String language, String text) {
            return code(new CodeBlock(key, title, language, text));
        }

        public Builder chart(Chart chart) {
            charts.add(chart);
            return this;
        }

        public Builder followUp(FollowUp followUp) {
            followUps.add(followUp);
            return this;
        }

        public Builder followUp(FollowUp.Builder followUp) {
            return followUp(followUp.build());
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder notes(List<String> more) {
            notes.addAll(more);
            return this;
        }

        /**
         * Marks the reply as the live view of {@code subject}: chat faces keep the message and
         * update it when the subject is announced as changed.
         */
        public Builder live(String subject, FollowUp refresh) {
            live = new Live(subject, refresh);
            return this;
        }

        public Reply build() {
            return new Reply(command, title, summary, figures, tables, codeBlocks, charts, followUps, notes, null,
                    Optional.empty(), Optional.empty(), Optional.ofNullable(live));
        }
    }
}
