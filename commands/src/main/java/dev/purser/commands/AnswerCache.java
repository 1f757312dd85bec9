package dev.purser.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.purser.commands.reply.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers to repeated questions over unchanged data. A reply is kept under the normalised
 * invocation (the command and its parsed, defaulted arguments), what the asker may see (their
 * roles, whether they are human, the face that words it), the store's data generation and the day;
 * an import, a pull or a budget change moves the generation, so the next question misses and is
 * answered afresh. Only commands whose {@link Effect#fromStore()} says their answer depends on
 * nothing else are cached, never a question that names a file (the file may change under the same
 * name), and only answers that are not errors.
 */
public final class AnswerCache {

    /** Caches nothing: every question is answered afresh. */
    public static final AnswerCache NONE = new AnswerCache();

    /** The default bound on kept answers; a reply is a few kilobytes. */
    public static final int DEFAULT_ANSWERS = 2_000;
    /** How long an answer lives even when nothing moves the generation. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private record Key(String command, Map<String, Object> arguments, Set<Role> roles, boolean human, String face,
                       long generation, LocalDate day) {
    }

    private final Cache<Key, Reply> answers;
    private final LongSupplier generation;
    private final Clock clock;

    private AnswerCache() {
        this.answers = null;
        this.generation = null;
        this.clock = null;
    }

    /**
     * @param generation the store's data generation; read once per cacheable question
     * @param clock      whose date is part of the key, so "today" answers turn over at midnight UTC
     * @param ticker     the lifetime's time source (a fake one in tests)
     */
    public AnswerCache(LongSupplier generation, Clock clock, int maximumAnswers, Duration lifetime, Ticker ticker) {
        this.generation = Objects.requireNonNull(generation, "generation");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.answers = Caffeine.newBuilder()
                .maximumSize(maximumAnswers)
                .expireAfterWrite(lifetime)
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .build();
    }

    public static AnswerCache over(LongSupplier generation, Clock clock) {
        return new AnswerCache(generation, clock, DEFAULT_ANSWERS, DEFAULT_LIFETIME, Ticker.systemTicker());
    }

    /**
     * The kept answer to this question, or {@code compute}'s, kept when it is not an error. Askers
     * of the same question at the same time wait for one computation.
     */
    Reply answer(Invocation invocation, CommandContext context, Supplier<Reply> compute) {
        if (answers == null || !invocation.command().effect().fromStore() || namesAFile(invocation)) {
            return compute.get();
        }
        Principal principal = context.principal();
        Key key = new Key(invocation.command().name(), invocation.values(), principal.roles(), principal.human(),
                context.face(), generation.getAsLong(), LocalDate.now(clock));
        Reply reply = answers.get(key, k -> compute.get());
        if (reply.isError()) {
            answers.invalidate(key);
        }
        return reply;
    }

    private static boolean namesAFile(Invocation invocation) {
        for (Object value : invocation.values().values()) {
            if (value instanceof Path
                    || value instanceof Collection<?> many && many.stream().anyMatch(Path.class::isInstance)) {
                return true;
            }
        }
        return false;
    }

    /** How many answers are kept now (after pending evictions). */
    public long size() {
        if (answers == null) {
            return 0;
        }
        answers.cleanUp();
        return answers.estimatedSize();
    }
}
