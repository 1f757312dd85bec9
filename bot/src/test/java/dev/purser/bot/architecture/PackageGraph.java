package dev.purser.bot.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packages of one source tree and what each imports, read from the {@code package} and
 * {@code import} lines (imports are where a dependency on another package shows; same-package use
 * needs none). Small on purpose: the rules live in {@link ArchitectureTest}.
 */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);

    /** One import line, where it stands. */
    record Import(String file, String fromPackage, String imported) {
        @Override
        public String toString() {
            return file + ": import " + imported;
        }
    }

    private final List<Import> imports;
    private final Set<String> packages;

    private PackageGraph(List<Import> imports, Set<String> packages) {
        this.imports = List.copyOf(imports);
        this.packages = Set.copyOf(packages);
    }

    /** Reads every {@code .java} file under {@code sourceRoot}. */
    static PackageGraph read(Path sourceRoot) {
        List<Import> imports = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher pm = PACKAGE.matcher(text);
                String pkg = pm.find() ? pm.group(1) : "";
                packages.add(pkg);
                Matcher im = IMPORT.matcher(text);
                while (im.find()) {
                    imports.add(new Import(sourceRoot.relativize(file).toString(), pkg, im.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageGraph(imports, packages);
    }

    Set<String> packages() {
        return packages;
    }

    /** Imports from a package under {@code fromPrefix} of anything under one of {@code bannedPrefixes}. */
    List<Import> importsOf(String fromPrefix, List<String> bannedPrefixes) {
        List<Import> found = new ArrayList<>();
        for (Import i : imports) {
            if (!within(i.fromPackage(), fromPrefix)) {
                continue;
            }
            for (String banned : bannedPrefixes) {
                if (within(i.imported(), banned) && !within(i.imported(), fromPrefix)) {
                    found.add(i);
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Groups of packages under {@code root} that import each other round a loop (strongly
     * connected components of two or more packages), each sorted; empty when the graph is acyclic.
     */
    List<List<String>> cycles(String root) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String p : packages) {
            if (within(p, root)) {
                edges.put(p, new TreeSet<>());
            }
        }
        for (Import i : imports) {
            String target = packageOf(i.imported());
            if (edges.containsKey(i.fromPackage()) && edges.containsKey(target) && !target.equals(i.fromPackage())) {
                edges.get(i.fromPackage()).add(target);
            }
        }
        return new Tarjan(edges).components();
    }

    /** The package of an imported name: the segments before the first capitalised one. */
    static String packageOf(String importedName) {
        String[] parts = importedName.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            if (pkg.length() > 0) {
                pkg.append('.');
            }
            pkg.append(part);
        }
        return pkg.toString();
    }

    private static boolean within(String name, String prefix) {
        return name.equals(prefix) || name.startsWith(prefix + ".");
    }

    /** Tarjan's strongly connected components, keeping those of two or more nodes. */
    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> found = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<List<String>> components() {
            for (String v : edges.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return found;
        }

        private void visit(String v) {
            index.put(v, next);
            low.put(v, next);
            next++;
            stack.push(v);
            onStack.add(v);
            for (String w : edges.get(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    component.sort(null);
                    found.add(component);
                }
            }
        }
    }
}
