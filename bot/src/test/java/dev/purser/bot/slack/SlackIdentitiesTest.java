package dev.purser.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.SlackUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlackIdentitiesTest {

    private final SlackIdentities identities = new SlackIdentities(List.of(
            new IdentityConfig("alice", new SlackUser("T0123ABCD", "U0456EFGH"), null, Set.of("requester", "approver"))));

    @Test
    void principal_configuredUser_configuredNameAndRolesPlusViewer() {
        Principal alice = identities.principal("T0123ABCD", "U0456EFGH", "al");

        assertThat(alice.id()).isEqualTo("alice");
        assertThat(alice.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER, Role.APPROVER);
        assertThat(alice.human()).isTrue();
    }

    @Test
    void principal_sameUserIdInAnotherWorkspace_isAViewer() {
        Principal other = identities.principal("T9999ZZZZ", "U0456EFGH", "al");

        assertThat(other.id()).isEqualTo("slack:T9999ZZZZ/U0456EFGH");
        assertThat(other.roles()).containsExactly(Role.VIEWER);
    }

    @Test
    void principal_malformedIds_aViewer() {
        assertThat(identities.principal("nonsense", "x", null).roles()).containsExactly(Role.VIEWER);
    }
}
