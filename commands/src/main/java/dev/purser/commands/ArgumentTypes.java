package dev.purser.commands;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.query.DimensionParser;
import dev.purser.core.query.PeriodParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argument types commands are built from. Every {@code parse} failure is a BAD_ARGUMENT (or,
 * for paths, PATH_NOT_ALLOWED / FILE_NOT_FOUND) that quotes the bad token and says what was
 * expected, so the user can fix it without reading the documentation.
 */
public final class ArgumentTypes {

    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})\\s*d(ays?)?");

    private ArgumentTypes() {
    }

    /** A filter term {@code dimension=value}, as in {@code --where region=nyc3}. */
    public record DimensionValue(Dimension dimension, String value) {
        public DimensionValue {
            Objects.requireNonNull(dimension, "dimension");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A window of whole days ending now, {@code 30d} (or {@code 30 days}), from 1 to 365 days. */
    public static ArgumentType<Duration> days() {
        return simple(ArgumentType.JsonKind.STRING, "days, e.g. 30d", List.of("30d", "14d", "90d"), t -> {
            Matcher m = DAYS.matcher(t.trim().toLowerCase(Locale.ROOT));
            int days = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (days < 1 || days > 365) {
                throw PurserException.badArgument("'" + t + "' is not a window; expected days from 1d to 365d,"
                        + " such as 30d or 14d");
            }
            return Duration.ofDays(days);
        });
    }

    /** Any non-blank text, trimmed. */
    public static ArgumentType<String> text() {
        return simple(ArgumentType.JsonKind.STRING, "text", List.of(), t -> {
            if (t.isBlank()) {
                throw PurserException.badArgument("expected some text, got nothing");
            }
            return t.trim();
        });
    }

    /** A whole number within {@code min..max} inclusive. */
    public static ArgumentType<Integer> integer(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("integer bounds are reversed: " + min + ".." + max);
        }
        return new ArgumentType<>() {
            @Override
            public Integer parse(String text) {
                long value;
                try {
                    value = Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw PurserException.badArgument("'" + text + "' is not a whole number; expected a number from "
                            + min + " to " + max);
                }
                if (value < min || value > max) {
                    throw PurserException.badArgument(value + " is out of range; expected a number from "
                            + min + " to " + max);
                }
                return (int) value;
            }

            @Override
            public JsonKind jsonKind() {
                return JsonKind.INTEGER;
            }

            @Override
            public String expected() {
                return min + ".." + max;
            }

            @Override
            public Long minimum() {
                return (long) min;
            }

            @Override
            public Long maximum() {
                return (long) max;
            }
        };
    }

    /** An exact decimal number such as {@code 12.50}; never a binary float. */
    public static ArgumentType<BigDecimal> decimal() {
        return simple(ArgumentType.JsonKind.NUMBER, "number", List.of("50", "12.5"), t -> {
            try {
                return new BigDecimal(t.trim());
            } catch (NumberFormatException e) {
                throw PurserException.badArgument("'" + t + "' is not a number; expected a decimal such as 12.5");
            }
        });
    }

    /** {@code true/false}, also {@code yes/no}, {@code on/off}, {@code 1/0}. */
    public static ArgumentType<Boolean> bool() {
        return simple(ArgumentType.JsonKind.BOOLEAN, "true|false", List.of(), t -> {
            switch (t.trim().toLowerCase(Locale.ROOT)) {
                case "true":
                case "yes":
                case "on":
                case "1":
                    return Boolean.TRUE;
                case "false":
                case "no":
                case "off":
                case "0":
                    return Boolean.FALSE;
                default:
                    throw PurserException.badArgument("'" + t + "' is not true or false; expected true, false, yes or no");
            }
        });
    }

    /** One of a closed set of words, matched ignoring case; the value is the word as declared. */
    public static ArgumentType<String> choice(String... words) {
        return choice(List.of(words));
    }

    /** One of a closed set of words, matched ignoring case; the value is the word as declared. */
    public static ArgumentType<String> choice(List<String> words) {
        List<String> choices = List.copyOf(words);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one word");
        }
        return new ChoiceType<>(choices, Function.identity());
    }

    /**
     * A constant of {@code type}, typed as its name in lower case with dashes:
     * {@code SERVICE_CATEGORY} is {@code service-category}.
     */
    public static <E extends Enum<E>> ArgumentType<E> enumOf(Class<E> type) {
        List<String> words = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            words.add(word(constant));
        }
        return new ChoiceType<>(words, w -> {
            for (E constant : type.getEnumConstants()) {
                if (word(constant).equals(w)) {
                    return constant;
                }
            }
            throw new AssertionError(w);
        });
    }

    /** The word {@link #enumOf} accepts for a constant. */
    public static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A period in any of {@link PeriodParser#FORMS}, relative forms evaluated when parsed. */
    public static ArgumentType<Period> period(PeriodParser parser) {
        Objects.requireNonNull(parser, "parser");
        return simple(ArgumentType.JsonKind.STRING, "period", PeriodParser.FORMS,
                t -> suggesting(t, PERIOD_WORDS, parser::parse));
    }

    /** The period words a typo is measured against (numbers and dates are not guessed at). */
    static final List<String> PERIOD_WORDS = List.of("mtd", "this-month", "last-month", "previous-month", "ytd",
            "today", "yesterday");

    /**
     * Parses {@code text}; when the parser refuses it and it is close to one of {@code words}, the
     * refusal says which one was probably meant ({@code last-moth} → "did you mean last-month?"),
     * right after the quoted token, before the list of what is accepted.
     */
    static <T> T suggesting(String text, List<String> words, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (PurserException e) {
            String typed = text.trim();
            String hint = typed.isEmpty() ? "" : Suggestions.didYouMean(typed, words);
            if (hint.isEmpty() || e.code() != dev.purser.core.error.ErrorCode.BAD_ARGUMENT) {
                throw e;
            }
            String message = e.getMessage();
            int at = message.indexOf("; expected");
            String withHint = at < 0 ? message + hint : message.substring(0, at) + hint + message.substring(at);
            throw PurserException.badArgument(withHint);
        }
    }

    /** A FOCUS dimension word ({@code service}, {@code region}, ...) or {@code tag:<key>}. */
    public static ArgumentType<Dimension> dimension() {
        return simple(ArgumentType.JsonKind.STRING, String.join("|", Dimension.words()), Dimension.words(),
                t -> suggesting(t, Dimension.words(), DimensionParser::parse));
    }

    /** {@code dimension=value}, as in {@code region=nyc3} or {@code tag:env=prod}. */
    public static ArgumentType<DimensionValue> dimensionValue() {
        return simple(ArgumentType.JsonKind.STRING, "dimension=value", List.of("region=nyc3", "tag:env=prod"), t -> {
            int eq = t.indexOf('=');
            if (eq <= 0 || eq == t.length() - 1) {
                throw PurserException.badArgument("'" + t + "' is not dimension=value; expected for example "
                        + "region=nyc3 or tag:env=prod, with a dimension among: " + String.join(", ", Dimension.words()));
            }
            return new DimensionValue(suggesting(t.substring(0, eq), Dimension.words(), DimensionParser::parse),
                    t.substring(eq + 1).trim());
        });
    }

    /** A file confined by {@code policy}; the value is its real path. */
    public static ArgumentType<Path> path(PathPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return simple(ArgumentType.JsonKind.STRING, "file", List.of(), policy::resolve);
    }

    private static <T> ArgumentType<T> simple(ArgumentType.JsonKind kind, String expected, List<String> examples,
                                              Function<String, T> parse) {
        return new ArgumentType<>() {
            @Override
            public T parse(String text) {
                return parse.apply(Objects.requireNonNull(text, "text"));
            }

            @Override
            public JsonKind jsonKind() {
                return kind;
            }

            @Override
            public String expected() {
                return expected;
            }

            @Override
            public List<String> examples() {
                return examples;
            }
        };
    }

    private static final class ChoiceType<T> implements ArgumentType<T> {
        private final List<String> words;
        private final Function<String, T> toValue;

        ChoiceType(List<String> words, Function<String, T> toValue) {
            this.words = List.copyOf(words);
            this.toValue = toValue;
        }

        @Override
        public T parse(String text) {
            String t = text.trim();
            for (String w : words) {
                if (w.equalsIgnoreCase(t)) {
                    return toValue.apply(w);
                }
            }
            throw PurserException.badArgument("'" + text + "' is not one of: " + String.join(", ", words)
                    + Suggestions.didYouMean(t, words));
        }

        @Override
        public JsonKind jsonKind() {
            return JsonKind.STRING;
        }

        @Override
        public List<String> choices() {
            return words;
        }

        @Override
        public String expected() {
            return String.join("|", words);
        }
    }
}
