package dev.purser.bot.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Debian's real {@code chromium}, headless, driven from its command line: {@code --dump-dom} to
 * read where the page laid things out, {@code --screenshot} to see what it drew. Each run gets a
 * fresh profile directory and every switch that would reach the network is off, so a run depends
 * on nothing but the file it opens.
 *
 * <p>Tests that use it are tagged {@code chromium}; the build leaves that tag out, saying so in one
 * line, when the binary (property {@value #PROPERTY}, default {@value #DEFAULT}) is absent.
 *
 * <p>Layout: the page is copied with a script that, once everything has loaded, writes each
 * {@code img.chart}'s box (page coordinates, CSS px), whether it decoded, and the page height into
 * a {@code pre} at the very end of the body, which {@code --dump-dom} prints. Appended last, the
 * {@code pre} moves nothing above it, so the boxes hold for a screenshot of the untouched page at
 * the same window width and a device scale factor of 1.
 */
final class HeadlessChromium {

    static final String PROPERTY = "purser.chromium";
    static final String DEFAULT = "/usr/bin/chromium";
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern BOX = Pattern.compile("^chart (\\S+) (true|false) (-?\\d+) (-?\\d+) (\\d+) (\\d+)$",
            Pattern.MULTILINE);
    private static final Pattern HEIGHT = Pattern.compile("^height (\\d+)$", Pattern.MULTILINE);
    private static final String PROBE = """
            <script>
            window.addEventListener('load', function () {
              var lines = [];
              document.querySelectorAll('img.chart').forEach(function (img) {
                var r = img.getBoundingClientRect();
                lines.push(['chart', img.id, img.complete && img.naturalWidth > 0, Math.round(r.left),
                            Math.round(r.top + window.scrollY), Math.round(r.width), Math.round(r.height)].join(' '));
              });
              lines.push('height ' + document.documentElement.scrollHeight);
              var pre = document.createElement('pre');
              pre.id = 'purser-layout';
              pre.textContent = '\\n' + lines.join('\\n') + '\\n';
              document.body.appendChild(pre);
            });
            </script>
            """;

    /** Where a chart image landed on the page, in CSS pixels, and whether the browser could decode it. */
    record Box(String id, boolean decoded, int left, int top, int width, int height) {
    }

    record Layout(List<Box> charts, int pageHeight) {
    }

    private final Path binary;
    private final Path work;
    private int runs;

    /** @param work a directory for profiles, probe copies and screenshots */
    HeadlessChromium(Path work) {
        this.binary = Path.of(System.getProperty(PROPERTY, DEFAULT));
        this.work = work;
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("no chromium at " + binary + ": install Debian's chromium package (.ci/run does), "
                    + "or run the build without it, which leaves the chromium-tagged checks out");
        }
    }

    /** Lays {@code page} out in a window {@code width} px wide and reads back where its charts are. */
    Layout layout(Path page, int width) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        if (end < 0) {
            throw new AssertionError(page + " has no </body>");
        }
        Path probe = work.resolve("probe-" + (++runs) + ".html");
        Files.writeString(probe, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
        String dom = run(probe, width, 2000, "--dump-dom");
        List<Box> boxes = new ArrayList<>();
        Matcher m = BOX.matcher(dom);
        while (m.find()) {
            boxes.add(new Box(m.group(1), Boolean.parseBoolean(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
        }
        Matcher h = HEIGHT.matcher(dom);
        if (!h.find()) {
            throw new AssertionError("chromium printed no layout for " + page + "; its DOM began: "
                    + dom.substring(0, Math.min(400, dom.length())));
        }
        return new Layout(boxes, Integer.parseInt(h.group(1)));
    }

    /** The page drawn in a window {@code width}×{@code height} px, at one device pixel per CSS pixel. */
    BufferedImage screenshot(Path page, int width, int height) throws IOException, InterruptedException {
        Path png = work.resolve("shot-" + (++runs) + ".png");
        run(page, width, height, "--screenshot=" + png);
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot of " + page);
        }
        return ImageIO.read(png.toFile());
    }

    /** The page as Chromium prints it: paper from the page's own {@code @page} rule, no header or footer. */
    byte[] printToPdf(Path page) throws IOException, InterruptedException {
        Path pdf = work.resolve("print-" + (++runs) + ".pdf");
        run(page, 1200, 2000, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        if (!Files.isRegularFile(pdf)) {
            throw new AssertionError("chromium printed no PDF of " + page);
        }
        return Files.readAllBytes(pdf);
    }

    /** Runs chromium once on {@code page}; returns what it printed on stdout. */
    private String run(Path page, int width, int height, String... what) throws IOException, InterruptedException {
        int n = ++runs;
        Path profile = Files.createDirectories(work.resolve("profile-" + n));
        Path out = work.resolve("chromium-" + n + ".out");
        Path err = work.resolve("chromium-" + n + ".err");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
