package dev.purser.bot.alerts;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.core.schedule.CommandRunner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs commands for scheduled jobs through the command dispatcher, as the principal
 * {@code purser-scheduler} (viewer: a job only reads) on the face {@code scheduler}. Bound after
 * the registry is built, since the registry's {@code jobs} command needs the jobs that need this.
 */
public final class DispatcherCommandRunner implements CommandRunner {

    public static final Principal SCHEDULER = new Principal("purser-scheduler", "Purser scheduler",
            EnumSet.of(Role.VIEWER), false);

    private final AtomicReference<CommandDispatcher> dispatcher = new AtomicReference<>();

    /** @throws IllegalStateException when bound twice */
    public void bind(CommandDispatcher value) {
        if (!dispatcher.compareAndSet(null, value)) {
            throw new IllegalStateException("the command runner is bound already");
        }
    }

    @Override
    public Optional<Output> run(String command, List<String> args) {
        CommandDispatcher d = dispatcher.get();
        if (d == null || d.registry().find(command).isEmpty()) {
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        tokens.add(command);
        tokens.addAll(args);
        Reply reply = d.run(SCHEDULER, "scheduler", tokens);
        String text = new TextRenderer().render(reply);
        List<String> lines = text.lines().toList();
        return Optional.of(new Output(!reply.isError(), lines,
                reply.isError() && reply.error() != null ? reply.error().referenceId() : null));
    }
}
