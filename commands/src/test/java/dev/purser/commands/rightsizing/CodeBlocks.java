package dev.purser.commands.rightsizing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader does with rightsize's code blocks: find one, copy the fenced blocks out of the
 * Markdown a chat shows, parse a patch as YAML, and apply a unified diff the way {@code patch} would.
 */
final class CodeBlocks {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");
    private static final Pattern OPEN = Pattern.compile("^(`{3,})([A-Za-z0-9+._-]*)$");

    private CodeBlocks() {
    }

    static CodeBlock code(Reply reply, String key) {
        return reply.codeBlocks().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no code block " + key + " in "
                        + reply.codeBlocks().stream().map(CodeBlock::key).toList()));
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML:\n" + text, e);
        }
    }

    /** A fenced block copied out of rendered Markdown or text: its language and its exact text. */
    record Fenced(String language, String text) {
    }

    /** Every fenced block, in order, as a reader selecting between the fences would copy it. */
    static List<Fenced> fenced(String rendered) {
        List<Fenced> blocks = new ArrayList<>();
        String[] lines = rendered.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = OPEN.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (!lines[j].equals(open.group(1))) {
                text.append(lines[j]).append('\n');
                j++;
            }
            blocks.add(new Fenced(open.group(2), text.toString()));
            i = j;
        }
        return blocks;
    }

    /** Applies a unified diff to {@code original}, checking every context and removed line, as {@code patch} does. */
    static String apply(String original, String diff) {
        List<String> source = new ArrayList<>(List.of(original.split("\n", -1)));
        List<String> out = new ArrayList<>();
        int next = 0;
        String[] lines = diff.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher hunk = HUNK.matcher(lines[i]);
            if (!hunk.matches()) {
                continue;
            }
            int start = Integer.parseInt(hunk.group(1)) - (hunk.group(2) != null && hunk.group(2).equals("0") ? 0 : 1);
            while (next < start) {
                out.add(source.get(next++));
            }
            for (i = i + 1; i < lines.length && !lines[i].startsWith("@@"); i++) {
                String line = lines[i];
                char marker = line.isEmpty() ? ' ' : line.charAt(0);
                String body = line.isEmpty() ? "" : line.substring(1);
                switch (marker) {
                    case ' ', '-' -> {
                        if (!source.get(next).equals(body)) {
                            throw new AssertionError("diff line " + (i + 1) + " expects '" + body + "' but line "
                                    + (next + 1) + " is '" + source.get(next) + "'");
                        }
                        if (marker == ' ') {
                            out.add(body);
                        }
                        next++;
                    }
                    case '+' -> out.add(body);
                    case '\\' -> {
                        // "\ No newline at end of file" describes the line above; nothing to apply
                    }
                    default -> throw new AssertionError("diff line " + (i + 1) + " has no marker: '" + line + "'");
                }
            }
            i--;
        }
        while (next < source.size()) {
            out.add(source.get(next++));
        }
        return String.join("\n", out);
    }
}
