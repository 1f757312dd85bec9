package dev.purser.bot.cli;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Reply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A terminal cannot show a PNG, so the CLI writes each chart of a reply to
 * {@code PURSER_HOME/charts/} and says where (on stderr, keeping stdout the answer itself).
 */
final class ChartFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ChartFiles() {
    }

    static void save(Reply reply, Path dir, Clock clock, PrintStream err) {
        if (reply.isError() || reply.charts().isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            for (Chart chart : reply.charts()) {
                Path file = dir.resolve(reply.command() + "-" + chart.key() + "-" + STAMP.format(clock.instant()) + ".png");
                Files.write(file, chart.png());
                err.println("chart: " + file);
            }
        } catch (IOException e) {
            err.println("purser: could not save the chart in " + dir + ": " + e.getMessage());
        }
    }
}
