package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.KubernetesPatcher;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which file of the GitOps checkout holds a Kubernetes workload: the manifest
 * {@code execution.gitops.kubernetes_manifests} names for {@code namespace/workload}, else the one
 * YAML file under {@code kubernetes_dir} that describes it ({@link KubernetesPatcher#describes}:
 * a workload kind with that name, in that namespace or in none).
 *
 * <p>The search stays inside the source directory: it does not follow symbolic links, skips hidden
 * directories ({@code .git}), the GitOps output directory (Purser's own patched copies, when it lies
 * in the checkout) and files over 1 MiB, and stops after {@value #MAX_FILES} YAML files.
 * Two files that both describe the workload (a kustomize base and an overlay, two environments'
 * copies) are refused, naming them, rather than guessed between: the map says which one.
 */
final class KubernetesManifests {

    static final int MAX_FILES = 5_000;
    private static final long MAX_BYTES = 1L << 20;

    private final Path sourceDir;
    private final Path outputDir;
    private final Map<String, String> manifests;
    private final String searchDir;

    /**
     * @param outputDir where Purser writes patched files: never searched, its copies are not the deployed manifest
     */
    KubernetesManifests(Path sourceDir, Path outputDir, ExecutionConfig.GitOps gitops) {
        this.sourceDir = Objects.requireNonNull(sourceDir, "sourceDir").toAbsolutePath().normalize();
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir").toAbsolutePath().normalize();
        this.manifests = gitops.kubernetesManifests();
        this.searchDir = gitops.kubernetesDir();
    }

    /**
     * The manifest of the container {@code namespace/workload/container}, relative to the source directory.
     *
     * @throws PurserException BAD_ARGUMENT for a malformed name or several manifests; NOT_FOUND when no
     *         manifest describes the workload; PATH_NOT_ALLOWED when the search directory leaves the checkout
     */
    String locate(String container) {
        String[] parts = container.split("/", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw PurserException.badArgument("a Kubernetes container is named namespace/workload/container, not "
                    + container);
        }
        String workload = parts[0] + "/" + parts[1];
        String mapped = manifests.get(workload);
        if (mapped != null) {
            return mapped;
        }
        Path dir = sourceDir.resolve(searchDir).normalize();
        if (!dir.startsWith(sourceDir)) {
            throw new PurserException(ErrorCode.PATH_NOT_ALLOWED, "execution.gitops.kubernetes_dir " + searchDir
                    + " is outside the GitOps source directory " + sourceDir);
        }
        if (!Files.isDirectory(dir)) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "execution.gitops.kubernetes_dir " + searchDir
                    + " is not a directory under " + sourceDir);
        }
        KubernetesPatcher.Workload w = new KubernetesPatcher.Workload(Optional.empty(), parts[0], parts[1]);
        List<String> found = search(dir, w);
        String where = sourceDir.relativize(dir).toString();
        String hint = "map it in execution.gitops.kubernetes_manifests ('" + workload + "': path/to/manifest.yaml, "
                + "relative to source_dir)";
        if (found.isEmpty()) {
            throw new PurserException(ErrorCode.NOT_FOUND, "no manifest under " + (where.isEmpty() ? sourceDir
                    : sourceDir + "/" + where) + " describes the workload " + workload + " (a Deployment, StatefulSet, "
                    + "DaemonSet, Job or CronJob named " + parts[1] + " in namespace " + parts[0] + " or in none): "
                    + hint);
        }
        if (found.size() > 1) {
            throw PurserException.badArgument(found.size() + " manifests describe the workload " + workload + ": "
                    + String.join(", ", found) + "; Purser does not guess which one is deployed: " + hint);
        }
        return found.get(0);
    }

    private List<String> search(Path dir, KubernetesPatcher.Workload w) {
        List<String> found = new ArrayList<>();
        int[] files = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    boolean hidden = !d.equals(dir) && d.getFileName().toString().startsWith(".");
                    return hidden || d.toAbsolutePath().normalize().equals(outputDir) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (!attrs.isRegularFile() || !(name.endsWith(".yaml") || name.endsWith(".yml"))
                            || attrs.size() > MAX_BYTES) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (++files[0] > MAX_FILES) {
                        throw PurserException.badArgument("more than " + MAX_FILES + " YAML files under " + dir
                                + ": set execution.gitops.kubernetes_dir to the manifests' directory, or map the "
                                + "workload in execution.gitops.kubernetes_manifests");
                    }
                    String text;
                    try {
                        text = Files.readString(f, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return FileVisitResult.CONTINUE; // not UTF-8 text: not a manifest
                    }
                    if (KubernetesPatcher.describes(text, w)) {
                        found.add(sourceDir.relativize(f).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "cannot search " + dir + " for manifests", e);
        }
        found.sort(null);
        return found;
    }
}
