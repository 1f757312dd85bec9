package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.SlackUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrincipalShellTest {

    static final List<IdentityConfig> IDENTITIES = List.of(
            new IdentityConfig("alice", new SlackUser("T0123ABCD", "U0456EFGH"), null, Set.of("requester", "approver"),
                    "amiller"),
            new IdentityConfig("bob", new SlackUser("T0123ABCD", "U0789IJKL"), null, Set.of("approver")));

    @Test
    void shell_osUserMapsToTheChatPrincipal_withItsRoles() {
        Principal p = Principal.shell("amiller", IDENTITIES);
        assertThat(p.id()).isEqualTo("alice");
        assertThat(p.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER, Role.APPROVER);
        assertThat(p.human()).isTrue();
    }

    @Test
    void shell_userNamedLikeAPrincipalWithoutOsUser_isThatPrincipal() {
        assertThat(Principal.shell("bob", IDENTITIES).id()).isEqualTo("bob");
        assertThat(Principal.shell("bob", IDENTITIES).has(Role.ADMIN)).isFalse();
        // alice's identity names its OS user, so an OS user called alice is someone else
        assertThat(Principal.shell("alice", IDENTITIES).id()).isEqualTo("local:alice");
    }

    @Test
    void shell_unknownUser_keepsEveryRole() {
        assertThat(Principal.shell("root", IDENTITIES)).isEqualTo(Principal.localShell("root"));
        assertThat(Principal.shell("root", List.of()).roles()).containsExactlyInAnyOrder(Role.values());
    }
}
