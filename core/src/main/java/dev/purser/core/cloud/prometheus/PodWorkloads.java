package dev.purser.core.cloud.prometheus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which workload a Kubernetes pod belongs to, from its name when kube-state-metrics does not say.
 *
 * <p>Controllers name pods predictably: a Deployment's ReplicaSet appends its
 * {@code pod-template-hash} and the ReplicaSet a five-character suffix ({@code api-7d4b9c8f6-x2k9p}),
 * a StatefulSet an ordinal ({@code postgres-0}), a DaemonSet only the suffix
 * ({@code fluentd-x2k9p}). Hashes and suffixes use Kubernetes's "safe" alphabet, which has no
 * vowels, so an ordinary word such as {@code proxy} in {@code kube-proxy-x2k9p} is not taken for a hash.
 */
final class PodWorkloads {

    private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
    private static final Pattern DEPLOYMENT = Pattern.compile("^(.+)-" + SAFE + "{6,10}-" + SAFE + "{5}$");
    private static final Pattern STATEFUL_SET = Pattern.compile("^(.+)-(\\d{1,4})$");
    private static final Pattern SUFFIXED = Pattern.compile("^(.+)-" + SAFE + "{5}$");
    private static final Pattern REPLICA_SET_HASH = Pattern.compile("^(.+)-" + SAFE + "{1,10}$");

    private PodWorkloads() {
    }

    /** A controller kind ({@code Deployment}, {@code StatefulSet}, ...) and name. */
    record Workload(String kind, String name) {
    }

    /** The workload guessed from a pod's name alone; {@code Pod} itself when nothing fits. */
    static Workload fromPodName(String pod) {
        Matcher m = DEPLOYMENT.matcher(pod);
        if (m.matches()) {
            return new Workload("Deployment", m.group(1));
        }
        m = STATEFUL_SET.matcher(pod);
        if (m.matches()) {
            return new Workload("StatefulSet", m.group(1));
        }
        m = SUFFIXED.matcher(pod);
        if (m.matches()) {
            return new Workload("DaemonSet", m.group(1));
        }
        return new Workload("Pod", pod);
    }

    /** The Deployment a ReplicaSet named {@code api-7d4b9c8f6} belongs to ({@code api}), when it has a hash. */
    static Workload fromReplicaSetName(String replicaSet) {
        Matcher m = REPLICA_SET_HASH.matcher(replicaSet);
        return m.matches() ? new Workload("Deployment", m.group(1)) : new Workload("ReplicaSet", replicaSet);
    }
}
