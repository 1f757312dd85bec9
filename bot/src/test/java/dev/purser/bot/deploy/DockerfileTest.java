package dev.purser.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/Dockerfile, read: no Docker engine runs the build here, so the test holds the file to
 * what it promises (two stages, a non-root user, a health check on /health at the served port,
 * every Maven module copied into the build stage) and checks its JVM flags for real: they are
 * the launcher's flags for {@code serve}, and this JVM accepts them.
 */
class DockerfileTest {

    private static String dockerfile() throws IOException {
        return Files.readString(DeployFiles.file("Dockerfile"));
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    /** The JVM options the image runs {@code serve} with. */
    static String imageJvmOptions() throws IOException {
        return group(dockerfile(), "PURSER_JAVA_OPTS=\"([^\"]+)\"");
    }

    @Test
    void twoStages_buildWithMaven_runOnAJre() throws IOException {
        String d = dockerfile();
        List<String> from = new ArrayList<>();
        Pattern.compile("^FROM (.+)$", Pattern.MULTILINE).matcher(d).results().forEach(r -> from.add(r.group(1)));
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).startsWith("maven:").endsWith(" AS build");
        assertThat(from.get(1)).contains("-jre");
        assertThat(d).contains("COPY --from=build /purser.jar /opt/purser/purser.jar");
    }

    @Test
    void buildStage_copiesEveryModuleOfTheReactor() throws IOException {
        String pom = Files.readString(DeployFiles.root().getParent().resolve("pom.xml"));
        String d = dockerfile();
        Pattern.compile("<module>([^<]+)</module>").matcher(pom).results().map(r -> r.group(1))
                .forEach(module -> assertThat(d).as("module " + module).contains("COPY " + module + " " + module));
    }

    @Test
    void runsAsTheNonRootUserTheKubernetesManifestExpects() throws IOException {
        String user = group(dockerfile(), "^USER (\\d+):\\d+$");
        assertThat(Integer.parseInt(user)).isPositive();
        String deployment = Files.readString(DeployFiles.file("kubernetes/deployment.yaml"));
        assertThat(deployment).contains("runAsUser: " + user);
    }

    @Test
    void healthCheck_getsHealth_onTheExposedPortThatComposeServes() throws IOException {
        String d = dockerfile();
        String port = group(d, "^EXPOSE (\\d+)$");
        assertThat(group(d, "^HEALTHCHECK (.+)$") + group(d, "^\\s+CMD (curl .+)$"))
                .contains("http://127.0.0.1:" + port + "/health");
        assertThat(group(d, "^CMD (.+)$")).contains("\"--port\", \"" + port + "\"", "\"0.0.0.0\"");
        var compose = new YAMLMapper().readTree(DeployFiles.file("docker-compose.yml").toFile());
        assertThat(compose.get("services").get("purser").get("ports").get(0).asText()).endsWith(":" + port);
    }

    @Test
    void jvmOptions_areTheLaunchersServeOptions_boundEveryMemoryArea() throws IOException {
        String image = imageJvmOptions();
        String launcher = group(Files.readString(DeployFiles.root().getParent().resolve("bot/purser")),
                "^serve_opts=\"([^\"]+)\"$");
        assertThat(image).isEqualTo(launcher);
        assertThat(image).contains("-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=",
                "-XX:MaxDirectMemorySize=", "-Xss", "-XX:+UseSerialGC");
        assertThat(dockerfile()).contains("MALLOC_ARENA_MAX=2");
    }

    @Test
    void jvmOptions_acceptedByThisJvm() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(imageJvmOptions().split(" ")));
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
