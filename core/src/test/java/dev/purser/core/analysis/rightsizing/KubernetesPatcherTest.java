package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.analysis.rightsizing.KubernetesPatcher.Change;
import dev.purser.core.analysis.rightsizing.KubernetesPatcher.NotPatchable;
import dev.purser.core.analysis.rightsizing.KubernetesPatcher.Problem;
import dev.purser.core.analysis.rightsizing.KubernetesPatcher.Setting;
import dev.purser.core.analysis.rightsizing.KubernetesPatcher.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The layout-preserving Kubernetes manifest patcher: which lines it finds, and what it refuses. */
class KubernetesPatcherTest {

    static final Workload CHECKOUT = new Workload(Optional.empty(), "shop", "checkout");

    /** A Service, the Deployment with an app and a sidecar that set the same keys, and a second Deployment. */
    static final String MANIFEST = """
            # checkout: the shop's payment step
            apiVersion: v1
            kind: Service
            metadata:
              name: checkout
              namespace: shop
            spec:
              ports:
                - port: 80
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: checkout
              namespace: shop
              labels: {app: checkout}
            spec:
              replicas: 3
              template:
                metadata:
                  labels:
                    app: checkout
                spec:
                  initContainers:
                    - name: app
                      image: busybox
                      resources:
                        requests:
                          cpu: 50m
                  containers:
                    - name: app
                      image: registry.example.com/checkout:1.4.2
                      args:
                        - --port=8080
                      resources:
                        requests:
                          cpu: "500m"        # raised for Black Friday 2025
                          memory: '512Mi'
                        limits:
                          cpu: "1"
                          memory: 1Gi
                    - name: istio-proxy
                      image: istio/proxyv2:1.22.0
                      resources:
                        requests:
                          cpu: 100m
                          memory: 128Mi
                        limits:
                          cpu: 500m
                          memory: 256Mi
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: cart
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      resources:
                        requests:
                          cpu: 500m
            """;

    static List<Change> app(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        return List.of(new Change("app", Setting.REQUEST_CPU, cpuRequest),
                new Change("app", Setting.REQUEST_MEMORY, memoryRequest),
                new Change("app", Setting.LIMIT_CPU, cpuLimit),
                new Change("app", Setting.LIMIT_MEMORY, memoryLimit));
    }

    static int changedLines(String before, String after) {
        String[] b = before.split("\n", -1);
        String[] a = after.split("\n", -1);
        assertThat(a).hasSameSizeAs(b);
        int changed = 0;
        for (int i = 0; i < b.length; i++) {
            if (!b[i].equals(a[i])) {
                changed++;
            }
        }
        return changed;
    }

    @Test
    void patch_multiDocument_rewritesOnlyTheAppContainersFourValues_keepingQuotesAndComments() {
        KubernetesPatcher.Result r = KubernetesPatcher.patch(MANIFEST, CHECKOUT, app("250m", "384Mi", "750m", "768Mi"),
                "k8s/checkout.yaml");

        assertThat(r.notFound()).isEmpty();
        assertThat(r.applied()).hasSize(4);
        assertThat(r.text()).contains("              cpu: \"250m\"        # raised for Black Friday 2025\n",
                "              memory: '384Mi'\n", "              cpu: \"750m\"\n", "              memory: 768Mi\n");
        assertThat(changedLines(MANIFEST, r.text())).isEqualTo(4);
        // the sidecar, the init container and the other Deployment keep theirs
        assertThat(r.text()).contains("              cpu: 100m\n", "              cpu: 50m\n")
                .endsWith("              cpu: 500m\n");
        assertThat(r.unifiedDiff()).startsWith("--- a/k8s/checkout.yaml\n+++ b/k8s/checkout.yaml\n@@ -")
                .contains("-              cpu: \"500m\"        # raised for Black Friday 2025\n"
                        + "-              memory: '512Mi'\n"
                        + "+              cpu: \"250m\"        # raised for Black Friday 2025\n"
                        + "+              memory: '384Mi'\n");
    }

    @Test
    void patch_twoContainersWithTheSameKeys_theSidecarIsFoundByName() {
        KubernetesPatcher.Result r = KubernetesPatcher.patch(MANIFEST, CHECKOUT,
                List.of(new Change("istio-proxy", Setting.LIMIT_MEMORY, "192Mi")), "m.yaml");

        assertThat(changedLines(MANIFEST, r.text())).isEqualTo(1);
        assertThat(r.text()).contains("              memory: 192Mi\n").contains("              memory: 1Gi\n");
    }

    @Test
    void patch_sequenceAtTheKeysIndent_andNameAfterResources() {
        String yaml = """
                kind: StatefulSet
                metadata:
                  name: postgres
                spec:
                  template:
                    spec:
                      containers:
                      - resources:
                          limits:
                            memory: 8Gi
                        name: postgres
                      - name: exporter
                        resources:
                          limits:
                            memory: 64Mi
                      volumes:
                      - name: data
                """;
        KubernetesPatcher.Result r = KubernetesPatcher.patch(yaml, new Workload(Optional.empty(), "db", "postgres"),
                List.of(new Change("postgres", Setting.LIMIT_MEMORY, "2Gi"),
                        new Change("exporter", Setting.LIMIT_MEMORY, "32Mi")), "pg.yaml");

        assertThat(r.notFound()).isEmpty();
        assertThat(r.text()).contains("            memory: 2Gi\n        name: postgres\n")
                .contains("            memory: 32Mi\n");
        assertThat(changedLines(yaml, r.text())).isEqualTo(2);
    }

    @Test
    void patch_crlf_keepsLineEndingsOnEveryLine() {
        String crlf = MANIFEST.replace("\n", "\r\n");

        KubernetesPatcher.Result r = KubernetesPatcher.patch(crlf, CHECKOUT, app("250m", "384Mi", "750m", "768Mi"), "m.yaml");

        assertThat(r.text()).isEqualTo(KubernetesPatcher.patch(MANIFEST, CHECKOUT, app("250m", "384Mi", "750m", "768Mi"),
                "m.yaml").text().replace("\n", "\r\n"));
        assertThat(r.text()).contains("memory: 768Mi\r\n");
    }

    @Test
    void patch_valueAlreadySet_isAppliedWithNoDiff() {
        KubernetesPatcher.Result r = KubernetesPatcher.patch(MANIFEST, CHECKOUT, app("500m", "512Mi", "1", "1Gi"), "m.yaml");

        assertThat(r.applied()).hasSize(4);
        assertThat(r.text()).isEqualTo(MANIFEST);
        assertThat(r.unifiedDiff()).isEmpty();
    }

    @Test
    void patch_documentWithoutNamespace_matchesAnyNamespace() {
        String yaml = MANIFEST.replace("  name: checkout\n  namespace: shop\n  labels", "  name: checkout\n  labels");

        KubernetesPatcher.Result r = KubernetesPatcher.patch(yaml, new Workload(Optional.empty(), "prod", "checkout"),
                app("250m", "384Mi", "750m", "768Mi"), "m.yaml");

        assertThat(r.applied()).hasSize(4);
    }

    @Test
    void patch_namespaceMismatch_refusedNamingWhatTheFileHas() {
        NotPatchable e = catchThrowableOfType(NotPatchable.class, () -> KubernetesPatcher.patch(MANIFEST,
                new Workload(Optional.empty(), "staging", "checkout"), app("1", "1Gi", "1", "1Gi"), "m.yaml"));

        assertThat(e.problem()).isEqualTo(Problem.NO_WORKLOAD);
        assertThat(e.getMessage()).contains("m.yaml has no staging/checkout").contains("Deployment shop/checkout (line 12)");
    }

    @Test
    void patch_kindGiven_matchesOnlyThatKind() {
        NotPatchable e = catchThrowableOfType(NotPatchable.class, () -> KubernetesPatcher.patch(MANIFEST,
                new Workload(Optional.of("StatefulSet"), "shop", "checkout"), app("1", "1Gi", "1", "1Gi"), "m.yaml"));

        assertThat(e.problem()).isEqualTo(Problem.NO_WORKLOAD);
        assertThat(KubernetesPatcher.patch(MANIFEST, new Workload(Optional.of("Deployment"), "shop", "checkout"),
                app("250m", "384Mi", "750m", "768Mi"), "m.yaml").applied()).hasSize(4);
    }

    @Test
    void patch_twoWorkloadsOfTheName_refusedAsAmbiguous() {
        String yaml = MANIFEST + "---\n" + MANIFEST.substring(MANIFEST.indexOf("apiVersion: apps/v1"))
                .replace("kind: Deployment", "kind: StatefulSet");

        NotPatchable e = catchThrowableOfType(NotPatchable.class,
                () -> KubernetesPatcher.patch(yaml, CHECKOUT, app("1", "1Gi", "1", "1Gi"), "m.yaml"));

        assertThat(e.problem()).isEqualTo(Problem.AMBIGUOUS_WORKLOAD);
        assertThat(e.getMessage()).contains("Deployment shop/checkout").contains("StatefulSet shop/checkout");
    }

    @Test
    void patch_helmTemplate_refusedSayingWhereTheValuesBelong() {
        String chart = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ include "checkout.fullname" . }}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          resources:
                            {{- toYaml .Values.resources | nindent 12 }}
                """;

        NotPatchable e = catchThrowableOfType(NotPatchable.class,
                () -> KubernetesPatcher.patch(chart, CHECKOUT, app("1", "1Gi", "1", "1Gi"), "templates/deployment.yaml"));

        assertThat(e.problem()).isEqualTo(Problem.TEMPLATE);
        assertThat(e.getMessage()).contains("templates/deployment.yaml is a template ({{ }} on line 4)")
                .contains("values file");
        assertThat(KubernetesPatcher.describes(chart, CHECKOUT)).isFalse();
    }

    @Test
    void patch_flowStyleResources_notFoundWithANote_neverInvented() {
        String yaml = """
                kind: Deployment
                metadata: {name: checkout, namespace: shop}
                """;
        String block = """
                kind: Deployment
                metadata:
                  name: checkout
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          resources: {}
                        - name: worker
                          resources:
                            limits: {cpu: "1", memory: 1Gi}
                """;

        KubernetesPatcher.Result r = KubernetesPatcher.patch(block, CHECKOUT, List.of(
                new Change("app", Setting.LIMIT_CPU, "500m"), new Change("worker", Setting.LIMIT_CPU, "500m")), "m.yaml");

        assertThat(r.text()).isEqualTo(block);
        assertThat(r.notFound()).extracting(Change::container).containsExactly("app", "worker");
        assertThat(r.notes()).containsExactly("app resources.limits.cpu: resources is in flow style ({} on line 9)",
                "worker resources.limits.cpu: resources.limits is in flow style ({cpu: \"1\", memory: 1Gi} on line 12)");
        // a workload whose metadata is in flow style has no name Purser can read: not found, not guessed
        assertThat(catchThrowableOfType(NotPatchable.class, () -> KubernetesPatcher.patch(yaml, CHECKOUT,
                List.of(new Change("app", Setting.LIMIT_CPU, "1")), "m.yaml")).problem()).isEqualTo(Problem.NO_WORKLOAD);
    }

    @Test
    void patch_flowStyleContainerList_refused() {
        String yaml = """
                kind: Deployment
                metadata:
                  name: checkout
                spec:
                  template:
                    spec:
                      containers: [{name: app, resources: {limits: {cpu: "1"}}}]
                """;

        NotPatchable e = catchThrowableOfType(NotPatchable.class, () -> KubernetesPatcher.patch(yaml, CHECKOUT,
                List.of(new Change("app", Setting.LIMIT_CPU, "500m")), "m.yaml"));

        assertThat(e.problem()).isEqualTo(Problem.FLOW_STYLE);
        assertThat(e.getMessage()).contains("line 7").contains("block style");
    }

    @Test
    void patch_settingAbsent_notFound_andAnchorsAreNotRewritten() {
        String yaml = """
                kind: Deployment
                metadata:
                  name: checkout
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          resources:
                            requests:
                              memory: &mem 512Mi
                            limits:
                              memory: *mem
                """;

        KubernetesPatcher.Result r = KubernetesPatcher.patch(yaml, CHECKOUT, List.of(
                new Change("app", Setting.REQUEST_CPU, "250m"), new Change("app", Setting.REQUEST_MEMORY, "256Mi"),
                new Change("app", Setting.LIMIT_MEMORY, "256Mi")), "m.yaml");

        assertThat(r.text()).isEqualTo(yaml);
        assertThat(r.applied()).isEmpty();
        assertThat(r.notFound()).extracting(Change::setting).containsExactly(Setting.REQUEST_CPU,
                Setting.REQUEST_MEMORY, Setting.LIMIT_MEMORY);
        assertThat(r.notes()).containsExactly(
                "app resources.requests.memory on line 11 is written as '&mem 512Mi', not a plain value Purser can rewrite",
                "app resources.limits.memory on line 13 is written as '*mem', not a plain value Purser can rewrite");
    }

    @Test
    void patch_containerMissing_orOnlyAnInitContainer_refusedNamingTheContainers() {
        NotPatchable missing = catchThrowableOfType(NotPatchable.class, () -> KubernetesPatcher.patch(MANIFEST, CHECKOUT,
                List.of(new Change("worker", Setting.LIMIT_CPU, "1")), "m.yaml"));
        String initOnly = MANIFEST.replace("  initContainers:\n        - name: app", "  initContainers:\n        - name: migrate");
        NotPatchable init = catchThrowableOfType(NotPatchable.class, () -> KubernetesPatcher.patch(initOnly, CHECKOUT,
                List.of(new Change("migrate", Setting.REQUEST_CPU, "1")), "m.yaml"));

        assertThat(missing.problem()).isEqualTo(Problem.NO_CONTAINER);
        assertThat(missing.getMessage()).contains("has no container worker; its containers: app, istio-proxy");
        assertThat(init.getMessage()).contains("has no container migrate (it is an init container");
    }

    @Test
    void patch_cronJob_findsTheJobTemplatesContainer() {
        String yaml = """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-report
                  namespace: shop
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - name: report
                              resources:
                                limits:
                                  memory: "2Gi"
                          restartPolicy: OnFailure
                """;

        KubernetesPatcher.Result r = KubernetesPatcher.patch(yaml, new Workload(Optional.empty(), "shop",
                "nightly-report"), List.of(new Change("report", Setting.LIMIT_MEMORY, "1Gi")), "cron.yaml");

        assertThat(r.text()).contains("memory: \"1Gi\"\n");
        assertThat(changedLines(yaml, r.text())).isEqualTo(1);
    }

    @Test
    void patch_blockScalarThatLooksLikeResources_isNotRewritten() {
        String yaml = """
                kind: Deployment
                metadata:
                  name: checkout
                spec:
                  template:
                    metadata:
                      annotations:
                        note: |
                          resources:
                            limits:
                              cpu: 9
                    spec:
                      containers:
                        - name: app
                          command: ["sh", "-c"]
                          args:
                            - |
                              echo cpu: 9
                          resources:
                            limits:
                              cpu: 2 # keep
                """;

        KubernetesPatcher.Result r = KubernetesPatcher.patch(yaml, CHECKOUT,
                List.of(new Change("app", Setting.LIMIT_CPU, "1500m")), "m.yaml");

        assertThat(changedLines(yaml, r.text())).isEqualTo(1);
        assertThat(r.text()).contains("              cpu: 1500m # keep\n").contains("cpu: 9\n");
    }

    @Test
    void describes_findsTheWorkloadInAFileOrNot() {
        assertThat(KubernetesPatcher.describes(MANIFEST, CHECKOUT)).isTrue();
        assertThat(KubernetesPatcher.describes(MANIFEST, new Workload(Optional.empty(), "shop", "cart"))).isTrue();
        assertThat(KubernetesPatcher.describes(MANIFEST, new Workload(Optional.empty(), "shop", "payments"))).isFalse();
        assertThat(KubernetesPatcher.describes("not: [a, manifest", CHECKOUT)).isFalse();
    }
}
