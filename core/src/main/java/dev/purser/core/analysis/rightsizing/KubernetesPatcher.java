package dev.purser.core.analysis.rightsizing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rewrites a container's {@code resources.requests} and {@code resources.limits} ({@code cpu},
 * {@code memory}) in a Kubernetes manifest in place, line by line, and nothing else: comments,
 * quoting, key order, other documents and every untouched line stay byte for byte, as in
 * {@link ComposePatcher}.
 *
 * <p>Finding the container: the file may hold several documents separated by {@code ---}. The
 * workload is the document whose {@code kind} is a workload kind (or the kind asked for), whose
 * {@code metadata.name} is the workload's name, and whose {@code metadata.namespace}, when the
 * document sets one, is the workload's namespace (a document without one takes its namespace when it
 * is applied, from {@code kubectl -n} or a kustomization, so it matches any). Two such documents are
 * ambiguous and refused. The container is the entry of {@code spec.template.spec.containers}
 * ({@code spec.jobTemplate.spec.template.spec.containers} for a CronJob) whose {@code name} matches;
 * init and ephemeral containers are never touched.
 *
 * <p>What is refused rather than guessed ({@link NotPatchable}): a file with Helm or Go template
 * actions ({@code {{ }}}), whose YAML exists only after rendering (the values belong in the chart's
 * values file); no matching workload; two matching workloads; no such container, or a container list
 * in flow style. A setting with no block-style {@code key: value} line to rewrite (absent, inside
 * {@code resources: {}} or another flow collection, or written with an anchor, alias or tag) is
 * returned in {@link Result#notFound()} with a note saying why, for the caller to report; a line is
 * never invented.
 */
public final class KubernetesPatcher {

    /** Kinds whose pods are described by {@code spec.template} (and CronJob's, one level deeper). */
    public static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "CronJob");

    private static final List<String> POD_TEMPLATE = List.of("spec", "template", "spec");
    private static final List<String> CRONJOB_POD_TEMPLATE = List.of("spec", "jobTemplate", "spec", "template", "spec");

    /** Which value to rewrite. */
    public enum Setting {
        REQUEST_CPU("requests", "cpu"),
        REQUEST_MEMORY("requests", "memory"),
        LIMIT_CPU("limits", "cpu"),
        LIMIT_MEMORY("limits", "memory");

        private final String group;
        private final String key;

        Setting(String group, String key) {
            this.group = group;
            this.key = key;
        }

        /** {@code resources.requests.cpu}. */
        public String path() {
            return "resources." + group + "." + key;
        }
    }

    /**
     * The workload a manifest describes.
     *
     * @param kind      {@code Deployment}, ...; empty to accept any of {@link #WORKLOAD_KINDS}
     * @param namespace its namespace
     * @param name      its {@code metadata.name}
     */
    public record Workload(Optional<String> kind, String namespace, String name) {
        public Workload {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        /** {@code Deployment shop/checkout}, or {@code shop/checkout} when any kind will do. */
        public String describe() {
            return kind.map(k -> k + " ").orElse("") + namespace + "/" + name;
        }
    }

    /** One value to write; {@code newValue} is the bare quantity ({@code 250m}, {@code 512Mi}); the line's quoting is kept. */
    public record Change(String container, Setting setting, String newValue) {
        public Change {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(newValue, "newValue");
        }
    }

    /**
     * @param text        the patched file
     * @param applied     changes written (or already holding the value)
     * @param notFound    changes with no line to rewrite
     * @param notes       why, for each setting not found that Purser could see (flow style, an alias, ...)
     * @param unifiedDiff the change as a unified diff; empty when nothing changed
     */
    public record Result(String text, List<Change> applied, List<Change> notFound, List<String> notes,
            String unifiedDiff) {
        public Result {
            Objects.requireNonNull(text, "text");
            applied = List.copyOf(applied);
            notFound = List.copyOf(notFound);
            notes = List.copyOf(notes);
            Objects.requireNonNull(unifiedDiff, "unifiedDiff");
        }
    }

    /** Why a manifest cannot be patched for a workload. */
    public enum Problem { TEMPLATE, NO_WORKLOAD, AMBIGUOUS_WORKLOAD, NO_CONTAINER, FLOW_STYLE }

    /** The manifest cannot be patched for this workload; the message says why and what to do. */
    public static final class NotPatchable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        NotPatchable(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** A workload document: its lines and keys. */
    private record Document(int kindLine, String kind, String name, Optional<String> namespace,
            List<BlockYaml.KeyLine> keys) {

        String describe() {
            return kind + " " + namespace.map(n -> n + "/").orElse("") + name + " (line " + (kindLine + 1) + ")";
        }
    }

    private KubernetesPatcher() {
    }

    /**
     * Whether {@code yaml} holds a document for {@code workload} (for searching a directory); never throws
     * for a file that is not a plain manifest.
     */
    public static boolean describes(String yaml, Workload workload) {
        String[] lines = BlockYaml.lines(yaml);
        return !templated(lines) && !matching(documents(lines), workload).isEmpty();
    }

    /**
     * Applies the changes to the container of the workload; {@code fileName} labels the diff.
     *
     * @throws NotPatchable when the file is a template, the workload is missing or ambiguous, or the
     *         container is missing or its list is in flow style
     */
    public static Result patch(String yaml, Workload workload, List<Change> changes, String fileName) {
        String[] lines = BlockYaml.lines(yaml);
        if (templated(lines)) {
            throw new NotPatchable(Problem.TEMPLATE, fileName + " is a template ({{ }} on line "
                    + (firstTemplateLine(lines) + 1) + "): its YAML exists only once rendered, so Purser does not "
                    + "patch it; set the requests and limits in the chart's values file, or point Purser at the "
                    + "rendered manifest");
        }
        List<Document> all = documents(lines);
        List<Document> docs = matching(all, workload);
        if (docs.isEmpty()) {
            List<String> near = all.stream().filter(d -> d.name().equals(workload.name())
                    && WORKLOAD_KINDS.contains(d.kind())).map(Document::describe).toList();
            throw new NotPatchable(Problem.NO_WORKLOAD, fileName + " has no " + workload.describe()
                    + (near.isEmpty() ? "" : " (it has " + String.join(", ", near) + ")"));
        }
        if (docs.size() > 1) {
            throw new NotPatchable(Problem.AMBIGUOUS_WORKLOAD, fileName + " has " + docs.size() + " documents for "
                    + workload.describe() + ": " + docs.stream().map(Document::describe).collect(Collectors.joining(", "))
                    + "; Purser does not guess which one runs");
        }
        Document doc = docs.get(0);
        List<String> prefix = doc.kind().equals("CronJob") ? CRONJOB_POD_TEMPLATE : POD_TEMPLATE;
        String[] out = lines.clone();
        List<Change> applied = new ArrayList<>();
        List<Change> notFound = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String container : changes.stream().map(Change::container).collect(Collectors.toCollection(
                LinkedHashSet::new))) {
            int item = containerItem(doc, prefix, container);
            for (Change c : changes) {
                if (!c.container().equals(container)) {
                    continue;
                }
                Optional<BlockYaml.KeyLine> line = setting(doc, prefix, item, c.setting());
                if (line.isPresent() && line.get().scalar()) {
                    out[line.get().line()] = BlockYaml.rewrite(lines[line.get().line()], line.get(), c.newValue());
                    applied.add(c);
                } else {
                    notFound.add(c);
                    whyNot(doc, prefix, item, c, line).ifPresent(notes::add);
                }
            }
        }
        return new Result(String.join("\n", out), applied, notFound, notes, UnifiedDiff.of(fileName, lines, out));
    }

    // ------------------------------------------------------------------ documents

    private static boolean templated(String[] lines) {
        return firstTemplateLine(lines) >= 0;
    }

    private static int firstTemplateLine(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (!t.startsWith("#") && t.contains("{{")) {
                return i;
            }
        }
        return -1;
    }

    /** The documents of the file that have a kind and a name. */
    private static List<Document> documents(String[] lines) {
        List<Document> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || separator(lines[i])) {
                List<BlockYaml.KeyLine> keys = BlockYaml.scan(lines, start, i);
                Optional<BlockYaml.KeyLine> kind = topLine(keys, "kind");
                Optional<String> name = top(keys, "metadata", "name");
                if (kind.isPresent() && name.isPresent()) {
                    out.add(new Document(kind.get().line(), BlockYaml.unquoted(kind.get()), name.get(),
                            top(keys, "metadata", "namespace"), keys));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** {@code ---} (maybe followed by a comment) starts a document; {@code ...} ends one. */
    private static boolean separator(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        return line.equals("---") || line.startsWith("--- ") || line.startsWith("---\t") || line.equals("...")
                || line.startsWith("... ");
    }

    private static Optional<String> top(List<BlockYaml.KeyLine> keys, String... path) {
        return topLine(keys, path).map(BlockYaml::unquoted);
    }

    private static Optional<BlockYaml.KeyLine> topLine(List<BlockYaml.KeyLine> keys, String... path) {
        List<String> want = List.of(path);
        return keys.stream().filter(k -> k.path().equals(want) && k.scalar()).findFirst();
    }

    private static List<Document> matching(List<Document> docs, Workload w) {
        return docs.stream()
                .filter(d -> w.kind().map(k -> k.equals(d.kind())).orElse(WORKLOAD_KINDS.contains(d.kind())))
                .filter(d -> d.name().equals(w.name()))
                .filter(d -> d.namespace().map(n -> n.equals(w.namespace())).orElse(true))
                .toList();
    }

    // ------------------------------------------------------------------ containers and settings

    /** The list entry id of the container, or throws saying what the workload has instead. */
    private static int containerItem(Document doc, List<String> prefix, String container) {
        List<String> namePath = concat(prefix, "containers", "-", "name");
        List<BlockYaml.KeyLine> named = doc.keys().stream()
                .filter(k -> k.path().equals(namePath) && k.scalar() && BlockYaml.unquoted(k).equals(container))
                .toList();
        if (named.size() == 1) {
            return named.get(0).item(prefix.size() + 1);
        }
        if (named.size() > 1) {
            throw new NotPatchable(Problem.NO_CONTAINER, doc.describe() + " lists container " + container + " "
                    + named.size() + " times; Kubernetes refuses that, fix the manifest first");
        }
        List<String> containersPath = concat(prefix, "containers");
        Optional<BlockYaml.KeyLine> flow = doc.keys().stream().filter(k -> k.path().equals(containersPath) && k.flow())
                .findFirst();
        if (flow.isPresent()) {
            throw new NotPatchable(Problem.FLOW_STYLE, "the containers of " + doc.describe() + " are written in flow "
                    + "style ([...] on line " + (flow.get().line() + 1) + "); Purser rewrites only block style: write "
                    + "them as '- name: " + container + "' entries first");
        }
        List<String> others = doc.keys().stream().filter(k -> k.path().equals(namePath) && k.scalar())
                .map(BlockYaml::unquoted).toList();
        boolean init = doc.keys().stream().anyMatch(k -> k.path().equals(concat(prefix, "initContainers", "-", "name"))
                && BlockYaml.unquoted(k).equals(container));
        throw new NotPatchable(Problem.NO_CONTAINER, doc.describe() + " has no container " + container
                + (init ? " (it is an init container, which Purser does not size)" : "")
                + (others.isEmpty() ? "" : "; its containers: " + String.join(", ", others)));
    }

    private static Optional<BlockYaml.KeyLine> setting(Document doc, List<String> prefix, int item, Setting s) {
        List<String> path = concat(prefix, "containers", "-", "resources", s.group, s.key);
        int at = prefix.size() + 1;
        return doc.keys().stream().filter(k -> k.path().equals(path) && k.item(at) == item).findFirst();
    }

    /** Why a setting has no line to rewrite, when the file shows it. */
    private static Optional<String> whyNot(Document doc, List<String> prefix, int item, Change c,
            Optional<BlockYaml.KeyLine> line) {
        String what = c.container() + " " + c.setting().path();
        if (line.isPresent()) {
            BlockYaml.KeyLine k = line.get();
            return Optional.of(what + " on line " + (k.line() + 1) + " is " + (k.value().isEmpty() ? "empty"
                    : "written as '" + k.value() + "'") + ", not a plain value Purser can rewrite");
        }
        int at = prefix.size() + 1;
        List<String> resources = concat(prefix, "containers", "-", "resources");
        List<String> group = concat(prefix, "containers", "-", "resources", c.setting().group);
        return doc.keys().stream()
                .filter(k -> (k.path().equals(resources) || k.path().equals(group)) && k.item(at) == item && k.flow())
                .findFirst()
                .map(k -> what + ": " + String.join(".", k.path().subList(at + 1, k.path().size())) + " is in flow style ("
                        + k.value() + " on line " + (k.line() + 1) + ")");
    }

    private static List<String> concat(List<String> prefix, String... more) {
        List<String> out = new ArrayList<>(prefix);
        out.addAll(List.of(more));
        return out;
    }
}
