package dev.purser.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.purser.core.config.ConfigLoader;
import dev.purser.core.config.PurserConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/kubernetes against the Kubernetes API types: each file is read into fabric8's
 * kubernetes-model classes (the types of the API, with their enums, quantities and int-or-string
 * ports), and any field the type does not have is refused. The model keeps unknown fields in
 * {@code additionalProperties} instead of failing, so the test walks every object read and
 * requires that map empty. Then what the issue asks: two replicas, probes on /health and /ready,
 * resources within 256 MiB, a non-root user, Secret references, a PodDisruptionBudget and a
 * Service that select the Deployment's Pods, and a configuration file Purser itself accepts.
 */
class KubernetesManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonMapper KUBE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static <T extends HasMetadata> T read(JsonNode yaml, Class<T> type) {
        T object = KUBE.readValue(yaml.toString(), type);
        List<String> unknown = new ArrayList<>();
        unknownFields(object, type.getSimpleName(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fields the Kubernetes API does not have: " + unknown);
        }
        String expected = KUBE.readValue("{}", type).getApiVersion();
        if (expected != null && !expected.equals(object.getApiVersion())) {
            throw new IllegalArgumentException(type.getSimpleName() + " has apiVersion " + expected + ", not "
                    + object.getApiVersion());
        }
        return object;
    }

    static <T extends HasMetadata> T read(String file, Class<T> type) throws IOException {
        return read(YAML.readTree(DeployFiles.file("kubernetes/" + file).toFile()), type);
    }

    /** Collects the path of every field that landed in a model object's additionalProperties. */
    private static void unknownFields(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(m.toString(), e);
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            unknownFields(value, path + "." + field, out);
        }
    }

    private static Container purser(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyFile_readsIntoItsApiType_andKustomizationListsThemAll() throws IOException {
        read("configmap.yaml", ConfigMap.class);
        read("deployment.yaml", Deployment.class);
        read("service.yaml", Service.class);
        read("poddisruptionbudget.yaml", PodDisruptionBudget.class);
        JsonNode kustomization = YAML.readTree(DeployFiles.file("kubernetes/kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(DeployFiles.root().resolve("kubernetes"))) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void unknownField_isRefused_withItsPath() throws IOException {
        ObjectNode typo = (ObjectNode) YAML.readTree(DeployFiles.file("kubernetes/deployment.yaml").toFile());
        ObjectNode container = (ObjectNode) typo.get("spec").get("template").get("spec").get("containers").get(0);
        container.set("readinesProbe", container.get("readinessProbe"));
        assertThatThrownBy(() -> read(typo, Deployment.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment.spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void wrongType_isRefused() throws IOException {
        ObjectNode bad = (ObjectNode) YAML.readTree(DeployFiles.file("kubernetes/deployment.yaml").toFile());
        ((ObjectNode) bad.get("spec")).put("replicas", "two");
        assertThatThrownBy(() -> read(bad, Deployment.class)).isInstanceOf(RuntimeException.class);
        ObjectNode wrongApi = (ObjectNode) YAML.readTree(DeployFiles.file("kubernetes/poddisruptionbudget.yaml").toFile());
        wrongApi.put("apiVersion", "policy/v1beta1");
        assertThatThrownBy(() -> read(wrongApi, PodDisruptionBudget.class)).hasMessageContaining("policy/v1");
    }

    @Test
    void deployment_twoReplicas_probesOnHealthAndReady() throws IOException {
        Deployment d = read("deployment.yaml", Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        Container c = purser(d);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(8765);
            assertThat(p.getName()).isEqualTo(c.getLivenessProbe().getHttpGet().getPort().getStrVal());
        });
        assertThat(c.getArgs()).containsSubsequence("--port", "8765").contains("serve");
    }

    @Test
    void deployment_resourcesWithin256MiB_andNonRoot() throws IOException {
        Deployment d = read("deployment.yaml", Deployment.class);
        Container c = purser(d);
        BigDecimal limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory"));
        assertThat(limit).isEqualByComparingTo(BigDecimal.valueOf(256L * 1024 * 1024));
        assertThat(Quantity.getAmountInBytes(c.getResources().getRequests().get("memory"))).isLessThanOrEqualTo(limit);
        assertThat(c.getResources().getLimits()).containsKey("cpu");
        assertThat(c.getResources().getRequests()).containsKey("cpu");
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void deployment_secretsOnlyByReference_configFromTheConfigMap() throws IOException {
        Deployment d = read("deployment.yaml", Deployment.class);
        Container c = purser(d);
        assertThat(c.getEnvFrom()).anySatisfy(e -> assertThat(e.getSecretRef().getName()).isEqualTo("purser-secrets"));
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("PURSER_DATABASE_PASSWORD");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("purser-database");
        });
        c.getEnv().stream().filter(e -> e.getName().matches(".*(TOKEN|SECRET|PASSWORD).*")).forEach(e -> {
            assertThat(e.getValue()).as(e.getName() + " as a literal").isNull();
            assertThat(e.getValueFrom().getSecretKeyRef()).as(e.getName()).isNotNull();
        });
        ConfigMap config = read("configmap.yaml", ConfigMap.class);
        assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo(config.getMetadata().getName()));
        String mount = c.getVolumeMounts().stream().filter(m -> m.getName().equals("config")).findFirst().orElseThrow()
                .getMountPath();
        String configEnv = c.getEnv().stream().filter(e -> e.getName().equals("PURSER_CONFIG")).findFirst().orElseThrow()
                .getValue();
        assertThat(configEnv).isEqualTo(mount + "/purser.yaml");
    }

    @Test
    void configMap_purserYaml_isAConfigurationPurserAccepts() throws IOException {
        ConfigMap config = read("configmap.yaml", ConfigMap.class);
        String text = config.getData().get("purser.yaml");
        PurserConfig parsed = ConfigLoader.parse(text, "configmap.yaml purser.yaml", Path.of("/etc/purser"));
        assertThat(parsed.mcp().port()).isEqualTo(8765);
        assertThat(text).doesNotContainPattern("(?i)(password|token)\\s*:");
    }

    @Test
    void serviceAndDisruptionBudget_selectTheDeploymentsPods() throws IOException {
        Deployment d = read("deployment.yaml", Deployment.class);
        Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
        Service s = read("service.yaml", Service.class);
        assertThat(labels).containsAllEntriesOf(s.getSpec().getSelector());
        assertThat(s.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        PodDisruptionBudget pdb = read("poddisruptionbudget.yaml", PodDisruptionBudget.class);
        assertThat(labels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isBetween(1, d.getSpec().getReplicas() - 1);
    }
}
