package dev.purser.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code purser.yaml} into a {@link PurserConfig}.
 *
 * <p>Errors: every problem stops start-up with one line, {@code file:line: what is wrong}, naming
 * the key by its dotted path ({@code purser.yaml:12: unknown key 'digitalocean.tokn' (expected one
 * of: base_url, token_env)}). The line comes from a first pass over the YAML that notes where
 * each key is ({@link SecretScan}, which also refuses secrets written into the file), because
 * Jackson knows the line of a bad token but not of the key a record's constructor complains
 * about. Keys are snake_case; an unknown key is an error, never ignored, so a typo cannot
 * silently leave a default in place.
 *
 * <p>Relative paths in the file resolve against the file's own directory, so a rules file can
 * sit next to {@code purser.yaml}.
 */
public final class ConfigLoader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private ConfigLoader() {
    }

    /**
     * Purser's configuration at start-up: the file {@code PURSER_CONFIG} names (or the defaults
     * when it is unset), with the environment laid over it.
     *
     * @param environment the process environment, handed in by the launcher
     * @throws PurserException BAD_ARGUMENT naming the file, line and key, or the variable
     */
    public static PurserConfig fromEnvironment(Map<String, String> environment) {
        String file = environment.get(EnvironmentOverlay.CONFIG);
        PurserConfig fromFile = file == null || file.isBlank() ? PurserConfig.defaults() : load(Path.of(file.trim()));
        return EnvironmentOverlay.apply(fromFile, environment);
    }

    /**
     * @throws PurserException BAD_ARGUMENT when the file cannot be read or is not a valid configuration
     */
    public static PurserConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw PurserException.badArgument("cannot read configuration file " + file + " (PURSER_CONFIG): "
                    + e.getClass().getSimpleName());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base);
    }

    /**
     * @param text   the YAML
     * @param source names the file in messages
     * @param base   the directory relative paths resolve against
     * @throws PurserException BAD_ARGUMENT naming the line and key of the first problem
     */
    public static PurserConfig parse(String text, String source, Path base) {
        YAMLMapper mapper = mapper(base);
        Map<String, Integer> keyLines = SecretScan.scan(mapper.getFactory(), text, source);
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            if (parser.nextToken() == null) {
                return PurserConfig.defaults();
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw PurserException.badArgument(source + ":" + parser.currentTokenLocation().getLineNr()
                        + ": the configuration must be a map of sections (database:, aws:, ...)");
            }
            PurserConfig config = mapper.readValue(parser, PurserConfig.class);
            return config == null ? PurserConfig.defaults() : config;
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw PurserException.badArgument(where(source, keyLines, path, e) + "unknown key '" + path
                    + "' (expected one of: " + known(e.getKnownPropertyIds()) + ")");
        } catch (ValueInstantiationException e) {
            throw settingError(source, keyLines, e);
        } catch (InvalidFormatException e) {
            String path = path(e);
            throw PurserException.badArgument(where(source, keyLines, path, e) + "bad value for '" + path + "': "
                    + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw PurserException.badArgument(where(source, keyLines, path, e) + "bad value for '" + path + "': "
                    + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            String path = path(e);
            throw PurserException.badArgument(where(source, keyLines, path, e) + "bad value for '" + path + "': "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw PurserException.badArgument(source + ": not valid YAML: " + e.getClass().getSimpleName());
        }
    }

    private static YAMLMapper mapper(Path base) {
        SimpleModule values = new SimpleModule("purser-config-values");
        values.addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
            private static final long serialVersionUID = 1L;

            @Override
            protected Duration _deserialize(String value, DeserializationContext ctxt) throws IOException {
                return duration(value.trim(), ctxt);
            }
        });
        values.addDeserializer(ZoneId.class, new FromStringDeserializer<>(ZoneId.class) {
            private static final long serialVersionUID = 1L;

            @Override
            protected ZoneId _deserialize(String value, DeserializationContext ctxt) throws IOException {
                try {
                    return ZoneId.of(value.trim());
                } catch (DateTimeException e) {
                    throw ctxt.weirdStringException(value, ZoneId.class, "not a time zone");
                }
            }
        });
        values.addDeserializer(Path.class, new FromStringDeserializer<>(Path.class) {
            private static final long serialVersionUID = 1L;

            @Override
            protected Path _deserialize(String value, DeserializationContext ctxt) {
                Path p = Path.of(value.trim());
                return base == null || p.isAbsolute() ? p : base.resolve(p).normalize();
            }
        });
        values.addDeserializer(URI.class, new FromStringDeserializer<>(URI.class) {
            private static final long serialVersionUID = 1L;

            @Override
            protected URI _deserialize(String value, DeserializationContext ctxt) throws IOException {
                try {
                    return new URI(value.trim());
                } catch (URISyntaxException e) {
                    throw ctxt.weirdStringException(value, URI.class, "not a URL");
                }
            }
        });
        return YAMLMapper.builder(YAMLFactory.builder().build())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addModule(values)
                .build();
    }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT24H}). */
    private static Duration duration(String value, DeserializationContext ctxt) throws IOException {
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeException e) {
            throw ctxt.weirdStringException(value, Duration.class, "not a duration");
        }
    }

    private static PurserException settingError(String source, Map<String, Integer> keyLines,
            ValueInstantiationException e) {
        String objectPath = path(e);
        Throwable cause = e.getCause();
        if (cause instanceof SettingException s) {
            String path = objectPath.isEmpty() ? s.key() : objectPath + "." + s.key();
            String at = keyLines.containsKey(path) ? where(source, keyLines, path, e) : where(source, keyLines, objectPath, e);
            return PurserException.badArgument(at + "'" + path + "': " + s.problem());
        }
        String problem = cause == null ? firstLine(e.getOriginalMessage()) : String.valueOf(cause.getMessage());
        return PurserException.badArgument(where(source, keyLines, objectPath, e) + "bad value in '"
                + (objectPath.isEmpty() ? "(top level)" : objectPath) + "': " + problem);
    }

    private static String where(String source, Map<String, Integer> keyLines, String path, JsonMappingException e) {
        Integer line = keyLines.get(path);
        if (line == null && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        return source + ":" + (line == null ? 0 : line) + ": ";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "none";
        }
        return new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream().collect(Collectors.joining(", "));
    }

    /** What the key wants, in the file's words. The value is not echoed: it may be a secret. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "wrong kind of value";
        }
        if (type.isEnum()) {
            return "expected one of: " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "expected a whole number";
        }
        if (type == BigDecimal.class) {
            return "expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (type == Duration.class) {
            return "expected a duration such as 30m, 24h, 7d or PT24H";
        }
        if (type == ZoneId.class) {
            return "expected a time zone such as UTC or Europe/Berlin";
        }
        if (type == URI.class) {
            return "expected a URL";
        }
        if (type == String.class || type == Path.class) {
            return "expected text";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "expected a list";
        }
        return "expected a section of key: value lines";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
