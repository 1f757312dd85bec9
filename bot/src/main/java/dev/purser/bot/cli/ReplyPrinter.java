package dev.purser.bot.cli;

import dev.purser.commands.reply.Reply;
import dev.purser.core.error.ErrorType;
import java.io.PrintStream;

/**
 * Prints a reply the way shells expect: the answer on stdout, an error's sentence on stderr
 * (with the reference id when it is not the user's own mistake). With {@code --format json} the
 * error document also goes to stdout so scripts can parse it.
 */
final class ReplyPrinter {
    private final PrintStream out;
    private final PrintStream err;
    private final int textWidth;

    ReplyPrinter(PrintStream out, PrintStream err) {
        this(out, err, dev.purser.commands.render.TextRenderer.DEFAULT_WIDTH);
    }

    /** @param textWidth the widest line a text table may take (the terminal's width) */
    ReplyPrinter(PrintStream out, PrintStream err, int textWidth) {
        this.out = out;
        this.err = err;
        this.textWidth = textWidth;
    }

    int print(Reply reply, OutputFormat format) {
        if (reply.isError()) {
            Reply.ErrorInfo e = reply.error();
            String ref = e.code().type() == ErrorType.USER || e.referenceId() == null ? "" : " (ref " + e.referenceId() + ")";
            err.println("purser: " + e.message() + ref);
            if (format == OutputFormat.JSON) {
                out.println(format.renderer(textWidth).render(reply));
            }
        } else {
            out.println(format.renderer(textWidth).render(reply));
        }
        out.flush();
        return ExitCodes.of(reply);
    }
}
