package dev.purser.bot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code bench} profile runs: each named benchmark in a JVM of its own (so one's heap,
 * JIT and native memory never colour another's figures), with every {@code bench.*} system
 * property passed on. Argument: {@code all} or a comma list of {@code cost}, {@code rightsizing},
 * {@code mcp}, {@code slack}. Exits non-zero when any benchmark failed.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String[]> known = new LinkedHashMap<>();
        known.put("cost", new String[] {CostBenchmark.class.getName(), System.getProperty("bench.costHeap", "1g")});
        known.put("rightsizing", new String[] {RightsizingWallBenchmark.class.getName(), "1g"});
        known.put("mcp", new String[] {McpBenchmark.class.getName(), "512m"});
        known.put("slack", new String[] {SlackAckBenchmark.class.getName(), "512m"});
        String which = args.length == 0 || args[0].isBlank() ? "all" : args[0].trim();
        List<String> names = which.equals("all") ? new ArrayList<>(known.keySet()) : List.of(which.split("\\s*,\\s*"));
        for (String name : names) {
            if (!known.containsKey(name)) {
                System.err.println("unknown benchmark '" + name + "'; expected all or a comma list of "
                        + String.join(", ", known.keySet()));
                System.exit(2);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> results = new ArrayList<>();
        int failures = 0;
        for (String name : names) {
            String[] what = known.get(name);
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + what[1]));
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.")).sorted()
                    .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(what[0]);
            System.out.println();
            System.out.println(">>> benchmark " + name + " (" + what[0] + ", -Xmx" + what[1] + ")");
            long t0 = System.nanoTime();
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            results.add(String.format(Locale.ROOT, "%-12s %s in %.0f s", name, code == 0 ? "done" : "FAILED (exit "
                    + code + ")", seconds));
            if (code != 0) {
                failures++;
            }
        }
        System.out.println();
        results.forEach(System.out::println);
        if (failures > 0) {
            System.exit(1);
        }
    }
}
