package dev.purser.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A first pass over {@code purser.yaml}, before any binding: it notes the line of every key, so
 * that an error found later can point at it, and refuses a secret written into the file.
 *
 * <p>Secrets: a key that names one ({@code token}, {@code password}, {@code signing_secret}, ...)
 * holding a value, or any value shaped like a known credential (Slack, DigitalOcean, AWS, GitHub,
 * Discord tokens, a URL with a password), is refused. The message names the key and the kind of
 * secret, never the value: it is on its way to a terminal and a log.
 */
final class SecretScan {

    private static final List<String> SECRET_WORDS = List.of("token", "password", "passwd", "secret", "api_key",
            "apikey", "private_key", "access_key", "credential");

    private record Shape(String what, Pattern pattern) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("a Slack token", Pattern.compile("\\bxox[abposre]-[A-Za-z0-9-]{8,}")),
            new Shape("a Slack app token", Pattern.compile("\\bxapp-\\d-[A-Za-z0-9-]{8,}")),
            new Shape("a DigitalOcean token", Pattern.compile("\\bdo[opr]_v1_[A-Za-z0-9]{16,}")),
            new Shape("an AWS access key", Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b")),
            new Shape("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")),
            new Shape("a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{16,}")),
            new Shape("a Discord bot token", Pattern.compile("\\b[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,}")),
            new Shape("a JSON Web Token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.")),
            new Shape("a URL with a password", Pattern.compile("://[^/\\s:@]+:[^/\\s@]+@")),
            new Shape("a password", Pattern.compile("(?i)[?&;]password=[^&;\\s]")));

    private final String source;
    private final Map<String, Integer> keyLines = new HashMap<>();

    private SecretScan(String source) {
        this.source = source;
    }

    /**
     * @return the line of every key, by its dotted path ({@code mcp.tokens[0].token_env})
     * @throws PurserException BAD_ARGUMENT for a secret in the file, or YAML that does not parse
     */
    static Map<String, Integer> scan(YAMLFactory factory, String text, String source) {
        SecretScan scan = new SecretScan(source);
        try (JsonParser parser = factory.createParser(text)) {
            scan.walk(parser);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 0;
            throw PurserException.badArgument(source + ":" + line + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        return Map.copyOf(scan.keyLines);
    }

    private static final class Frame {
        final String path;
        final boolean array;
        int index;
        String name;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String child() {
            if (array) {
                return path + "[" + index++ + "]";
            }
            return path.isEmpty() ? name : path + "." + name;
        }
    }

    private void walk(JsonParser parser) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            int line = parser.currentTokenLocation().getLineNr();
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    String path = stack.isEmpty() ? "" : stack.peek().child();
                    stack.push(new Frame(path, token == JsonToken.START_ARRAY));
                }
                case END_OBJECT, END_ARRAY -> stack.pop();
                case FIELD_NAME -> {
                    Frame top = stack.peek();
                    top.name = parser.currentName();
                    keyLines.putIfAbsent(top.path.isEmpty() ? top.name : top.path + "." + top.name, line);
                }
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                    Frame top = stack.peek();
                    String key = top == null || top.array ? null : top.name;
                    String path = top == null ? "" : top.child();
                    check(key, path, parser.getText(), line);
                }
                case VALUE_NULL, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> {
                    if (stack.peek() != null) {
                        stack.peek().child();
                    }
                }
            }
        }
    }

    private void check(String key, String path, String value, int line) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (key != null) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (!lower.endsWith("_env") && SECRET_WORDS.stream().anyMatch(lower::contains)) {
                throw PurserException.badArgument(source + ":" + line + ": '" + path + "' holds a secret, and secrets"
                        + " come only from the environment: put it in an environment variable and write that"
                        + " variable's name under '" + path + "_env'");
            }
        }
        for (Shape shape : SHAPES) {
            if (shape.pattern().matcher(value).find()) {
                throw PurserException.badArgument(source + ":" + line + ": the value of '" + path + "' looks like "
                        + shape.what() + ", and secrets come only from the environment: put it in an environment"
                        + " variable and name that variable in the file instead");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
