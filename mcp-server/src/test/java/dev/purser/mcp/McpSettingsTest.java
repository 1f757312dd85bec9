package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.McpConfig;
import dev.purser.core.config.McpTokenConfig;
import dev.purser.mcp.auth.TokenAuthenticator;
import dev.purser.mcp.auth.TokenGrant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpSettingsTest {

    private static final String SECRET = "s3cret-token-abcdefghijkl";

    @Test
    void fromEnvironment_empty_givesLoopbackAndViewerRequesterStdio() {
        McpSettings settings = McpSettings.fromEnvironment(Map.of());
        assertThat(settings.http().tokens()).isEmpty();
        assertThat(settings.http().allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
        assertThat(settings.http().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.stdioRoles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER);
        assertThat(settings.stdioPrincipal().human()).isFalse();
    }

    @Test
    void fromEnvironment_tokens_parsedWithRolesAndAllowApprove() {
        McpSettings settings = McpSettings.fromEnvironment(Map.of(McpSettings.TOKENS,
                "ci:" + SECRET + ":viewer+requester, lead:" + SECRET + "-2:viewer+approver:allow-approve"));
        List<TokenGrant> tokens = settings.http().tokens();
        assertThat(tokens).extracting(TokenGrant::name).containsExactly("ci", "lead");
        assertThat(tokens.get(0).effectiveRoles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER);
        assertThat(tokens.get(1).effectiveRoles()).contains(Role.APPROVER);
    }

    @Test
    void from_configTokens_areReadFromTheVariablesTheyName() {
        McpConfig config = new McpConfig(List.of(
                new McpTokenConfig("CI_TOKEN", "ci", Set.of("viewer", "requester"), false),
                new McpTokenConfig("UNSET_TOKEN", "cursor", Set.of("viewer"), false)),
                "alice", Set.of("viewer"), List.of("purser.internal"), null, "0.0.0.0", 9000);
        McpSettings settings = McpSettings.from(config, Map.of("CI_TOKEN", SECRET,
                McpSettings.TOKENS, "lead:" + SECRET + "-2:viewer"));
        assertThat(settings.http().tokens()).extracting(TokenGrant::name).containsExactly("ci", "lead");
        assertThat(settings.http().tokens().get(0).token()).isEqualTo(SECRET);
        assertThat(settings.http().tokens().get(0).effectiveRoles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER);
        assertThat(settings.http().allowedHosts()).containsExactly("purser.internal");
        assertThat(settings.http().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.httpPort()).isEqualTo(9000);
        assertThat(settings.stdioPrincipal().displayName()).isEqualTo("alice");
        assertThat(settings.stdioRoles()).containsExactly(Role.VIEWER);
    }

    @Test
    void from_sameNameInFileAndVariable_fails() {
        McpConfig config = new McpConfig(List.of(new McpTokenConfig("CI_TOKEN", "ci", Set.of("viewer"), false)),
                null, null, null, null, null, null);
        assertThatThrownBy(() -> McpSettings.from(config, Map.of("CI_TOKEN", SECRET,
                McpSettings.TOKENS, "ci:" + SECRET + "-2:viewer")))
                .hasMessageContaining("ci").hasMessageNotContaining(SECRET);
    }

    @Test
    void tokenGrant_approverWithoutAllowApprove_isStripped() {
        TokenGrant grant = new TokenGrant("copied", SECRET, EnumSet.of(Role.VIEWER, Role.APPROVER), false);
        Principal principal = grant.principal();
        assertThat(principal.has(Role.APPROVER)).isFalse();
        assertThat(principal.human()).isFalse();
        assertThat(grant.toString()).doesNotContain(SECRET);
    }

    @Test
    void fromEnvironment_badRole_failsNamingEntryButNotToken() {
        assertThatThrownBy(() -> McpSettings.fromEnvironment(Map.of(McpSettings.TOKENS, "ci:" + SECRET + ":aprover")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 (ci)").hasMessageContaining("aprover")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void fromEnvironment_shortToken_fails() {
        assertThatThrownBy(() -> McpSettings.fromEnvironment(Map.of(McpSettings.TOKENS, "ci:short:viewer")))
                .hasMessageContaining("shorter than").hasMessageNotContaining("short:");
    }

    @Test
    void fromEnvironment_malformedEntry_failsWithoutEchoingIt() {
        assertThatThrownBy(() -> McpSettings.fromEnvironment(Map.of(McpSettings.TOKENS, "ci" + SECRET)))
                .hasMessageContaining("name:token:role").hasMessageNotContaining(SECRET.substring(3));
    }

    @Test
    void fromEnvironment_unknownKey_fails() {
        assertThatThrownBy(() -> McpSettings.fromEnvironment(Map.of("PURSER_MCP_TOKEN", "x")))
                .hasMessageContaining("PURSER_MCP_TOKEN");
    }

    @Test
    void authenticator_matchesOnlyExactBearerToken() {
        TokenAuthenticator authenticator = new TokenAuthenticator(List.of(
                new TokenGrant("ci", SECRET, EnumSet.of(Role.VIEWER), false)));
        assertThat(authenticator.authenticate("Bearer " + SECRET)).map(Principal::id).contains("mcp:ci");
        assertThat(authenticator.authenticate("bearer " + SECRET)).isPresent();
        assertThat(authenticator.authenticate("Bearer " + SECRET + "x")).isEmpty();
        assertThat(authenticator.authenticate("Basic " + SECRET)).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThat(authenticator.authenticate("Bearer ")).isEmpty();
    }

    @Test
    void authenticator_duplicateToken_fails() {
        assertThatThrownBy(() -> new TokenAuthenticator(List.of(
                new TokenGrant("a", SECRET, EnumSet.of(Role.VIEWER), false),
                new TokenGrant("b", SECRET, EnumSet.of(Role.VIEWER), false))))
                .hasMessageContaining("b").hasMessageNotContaining(SECRET);
    }
}
