package dev.purser.bot.cli;

import dev.purser.commands.charts.ChartRasterizer;
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
 * A terminal cannot show a PNG, so the CLI draws each chart of a reply with the shared
 * rasteriser, writes it to {@code PURSER_HOME/charts/} and says where (on stderr, keeping stdout
 * the answer itself). Only the text and Markdown formats ask for this; {@code --format json}
 * carries the chart data and draws nothing.
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
                Files.write(file, ChartRasterizer.png(chart));
                err.println("chart: " + file);
            }
        } catch (IOException e) {
            err.println("purser: could not save the chart in " + dir + ": " + e.getMessage());
        }
    }
}
