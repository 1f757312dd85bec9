package dev.purser.commands;

import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.CurrencyMismatchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every face runs a command: parse, check the principal's role, run the handler,
 * and turn every failure into an error {@link Reply} (a sentence, a code, a reference id; the
 * detail goes to the log). Never throws for a bad request.
 *
 * <p>Errors: a {@link PurserException} carries a message written for users, so it is shown as
 * is with its code and reference id. Anything else is a bug or an unexpected failure whose
 * message may hold SQL, paths or tokens; the user sees only "Something went wrong on our side"
 * with a fresh reference id, and the log gets the stack trace under the same id.
 */
public final class CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final String HELP = "help";

    private final CommandRegistry registry;
    private final CommandParser parser;
    private final CommandListener listener;
    private final AnswerCache answers;

    public CommandDispatcher(CommandRegistry registry) {
        this(registry, CommandListener.NONE);
    }

    /** @param listener told about every command run (metrics); never changes a reply */
    public CommandDispatcher(CommandRegistry registry, CommandListener listener) {
        this(registry, listener, AnswerCache.NONE);
    }

    /** @param answers where repeated questions over unchanged data are answered from */
    public CommandDispatcher(CommandRegistry registry, CommandListener listener, AnswerCache answers) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.parser = new CommandParser(registry);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    public CommandRegistry registry() {
        return registry;
    }

    /**
     * Runs what a user typed after {@code /purser}, already split into tokens (the first is the
     * command name). An empty list runs {@code help}, and so does {@code --help} after a command.
     */
    public Reply run(Principal principal, String face, List<String> tokens) {
        return run(new CommandContext(principal, face), tokens);
    }

    /** Like {@link #run(Principal, String, List)}, the reply tied to the context's request and conversation. */
    public Reply run(CommandContext context, List<String> tokens) {
        List<String> effective = helpRewrite(tokens);
        String name = effective.isEmpty() ? HELP : effective.get(0);
        return execute(context, name, () -> parser.parse(effective.isEmpty() ? List.of(HELP) : effective));
    }

    /** Splits a chat line into tokens (quotes group words) and runs it. */
    public Reply run(Principal principal, String face, String line) {
        return run(new CommandContext(principal, face), line);
    }

    /** Like {@link #run(Principal, String, String)}, the reply tied to the context's request and conversation. */
    public Reply run(CommandContext context, String line) {
        List<String> tokens;
        try {
            tokens = ChatLine.split(line);
        } catch (PurserException e) {
            LOG.debug("unparsable line from {} on {}: {}", context.principal().id(), context.face(), e.getMessage());
            return Reply.error("purser", e.code(), e.getMessage(), e.referenceId())
                    .answering(context.requestId(), context.conversation());
        }
        return run(context, tokens);
    }

    /**
     * Runs a follow-up for whoever asked (a button's clicker): the same role check and parsing as
     * if they had typed its command line.
     */
    public Reply run(CommandContext context, FollowUp followUp) {
        return run(context, followUp.tokens());
    }

    /**
     * Runs a command with named arguments as structured faces send them (MCP): values are
     * strings, numbers, booleans, or lists of those for repeatable arguments.
     */
    public Reply runNamed(Principal principal, String face, String command, Map<String, Object> arguments) {
        return runNamed(new CommandContext(principal, face), command, arguments);
    }

    /** Like {@link #runNamed(Principal, String, String, Map)}, the reply tied to the context's request. */
    public Reply runNamed(CommandContext context, String command, Map<String, Object> arguments) {
        String name = command == null ? "" : command;
        return execute(context, name, () -> parser.parseNamed(command, arguments));
    }

    private Reply execute(CommandContext context, String name, Supplier<Invocation> parse) {
        return executeUntied(context, name, parse).answering(context.requestId(), context.conversation());
    }

    private Reply executeUntied(CommandContext context, String name, Supplier<Invocation> parse) {
        Principal principal = context.principal();
        String face = context.face();
        long started = System.nanoTime();
        String outcome = "ok";
        String command = label(name);
        try {
            // The role is checked before any argument is parsed, so someone who may not run a
            // command cannot use its argument checks to probe (whether a file exists, say).
            CommandSpec spec = parser.command(name);
            if (!principal.has(spec.requiredRole())) {
                throw new PurserException(ErrorCode.FORBIDDEN, spec.name() + " needs the "
                        + spec.requiredRole().name().toLowerCase(Locale.ROOT) + " role, which "
                        + principal.displayName() + " does not have");
            }
            Invocation invocation = parse.get();
            Reply reply = answers.answer(invocation, context, () -> spec.handler().handle(invocation, context));
            if (reply == null) {
                throw new IllegalStateException("handler of " + spec.name() + " returned no reply");
            }
            return reply;
        } catch (PurserException e) {
            outcome = e.code().name();
            return expected(command, principal, e);
        } catch (CurrencyMismatchException e) {
            outcome = ErrorCode.CURRENCY_MISMATCH.name();
            return expected(command, principal, PurserException.of(e));
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            String ref = UUID.randomUUID().toString().substring(0, 8);
            outcome = ErrorCode.INTERNAL_ERROR.name();
            LOG.error("command {} by {} on {} failed (ref {})", command, principal.id(), face, ref, e);
            return Reply.error(command, ErrorCode.INTERNAL_ERROR,
                    "Something went wrong on our side (ref " + ref + ")", ref);
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            listener.finished(context, command, outcome, took);
            if (LOG.isDebugEnabled()) {
                LOG.debug("command {} by {} on {}: {} in {} ms", command, principal.id(), face, outcome,
                        took.toMillis());
            }
        }
    }

    private static Reply expected(String command, Principal principal, PurserException e) {
        logExpected(command, principal, e);
        return Reply.error(command, e.code(), e.getMessage(), e.referenceId());
    }

    private static void logExpected(String name, Principal principal, PurserException e) {
        switch (e.type()) {
            case USER:
                LOG.debug("command {} by {} refused (ref {}): {}", name, principal.id(), e.referenceId(), e.getMessage());
                break;
            case EXTERNAL:
                LOG.warn("command {} by {} failed outside Purser (ref {}): {}", name, principal.id(),
                        e.referenceId(), e.getMessage(), e);
                break;
            case INTERNAL:
                LOG.error("command {} by {} failed (ref {}): {}", name, principal.id(), e.referenceId(),
                        e.getMessage(), e);
                break;
        }
    }

    // What typed text becomes in replies and logs: a command-like word, so an unknown "command"
    // cannot carry line breaks or a wall of text into either.
    private static String label(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        String word = lower.replaceAll("[^a-z0-9-]", "");
        if (word.isEmpty()) {
            return "purser";
        }
        return word.length() > 32 ? word.substring(0, 32) : word;
    }

    // "cost --help" and "cost -h" mean "help cost", the way command-line users expect.
    private List<String> helpRewrite(List<String> tokens) {
        if (tokens.size() < 2 || registry.find(HELP).isEmpty()) {
            return tokens;
        }
        for (String t : tokens.subList(1, tokens.size())) {
            if (t.equals("--help") || t.equals("-h")) {
                List<String> rewritten = new ArrayList<>();
                rewritten.add(HELP);
                if (registry.find(tokens.get(0).toLowerCase(Locale.ROOT)).isPresent()) {
                    rewritten.add(tokens.get(0));
                }
                return rewritten;
            }
        }
        return tokens;
    }
}
