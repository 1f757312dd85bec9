package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.mcp.transport.HostOriginPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpHostOriginPolicyTest {

    private final HostOriginPolicy loopback = new HostOriginPolicy(McpHttpSettings.LOOPBACK_HOSTS,
            McpHttpSettings.LOOPBACK_HOSTS);

    @Test
    void hostAllowed_loopbackAnyPort() {
        assertThat(loopback.hostAllowed("localhost:8765")).isTrue();
        assertThat(loopback.hostAllowed("LOCALHOST")).isTrue();
        assertThat(loopback.hostAllowed("127.0.0.1:1")).isTrue();
        assertThat(loopback.hostAllowed("[::1]:8080")).isTrue();
    }

    @Test
    void hostAllowed_foreignOrMalformed_refused() {
        assertThat(loopback.hostAllowed("evil.example:8765")).isFalse();
        assertThat(loopback.hostAllowed("localhost.evil.example")).isFalse();
        assertThat(loopback.hostAllowed(null)).isFalse();
        assertThat(loopback.hostAllowed("")).isFalse();
        assertThat(loopback.hostAllowed("localhost:99999")).isFalse();
        assertThat(loopback.hostAllowed("user@localhost")).isFalse();
    }

    @Test
    void hostAllowed_entryWithPort_onlyThatPort() {
        HostOriginPolicy policy = new HostOriginPolicy(List.of("purser.example.com:443"), List.of());
        assertThat(policy.hostAllowed("purser.example.com:443")).isTrue();
        assertThat(policy.hostAllowed("purser.example.com:8443")).isFalse();
        assertThat(policy.hostAllowed("purser.example.com")).isFalse();
    }

    @Test
    void originAllowed_absentPasses_foreignRefused() {
        assertThat(loopback.originAllowed(null)).isTrue();
        assertThat(loopback.originAllowed("http://localhost:3000")).isTrue();
        assertThat(loopback.originAllowed("http://[::1]:3000")).isTrue();
        assertThat(loopback.originAllowed("https://evil.example")).isFalse();
        assertThat(loopback.originAllowed("null")).isFalse();
    }

    @Test
    void originAllowed_fullOriginEntry_matchesExactly() {
        HostOriginPolicy policy = new HostOriginPolicy(List.of("localhost"), List.of("https://app.example.com"));
        assertThat(policy.originAllowed("https://app.example.com")).isTrue();
        assertThat(policy.originAllowed("http://app.example.com")).isFalse();
        assertThat(policy.originAllowed("https://app.example.com:8443")).isFalse();
    }
}
