package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.IdentityConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscordIdentitiesTest {

    private static final String APPROVERS = "333333333333333333";

    private final DiscordIdentities identities = new DiscordIdentities(List.of(
            new IdentityConfig("alice", null, "111111111111111111", Set.of("requester"))),
            Map.of(APPROVERS, Set.of("approver")));

    @Test
    void principal_listedUser_configuredNameAndRolesPlusViewer() {
        Principal p = identities.principal("111111111111111111", "Ally");
        assertThat(p.id()).isEqualTo("alice");
        assertThat(p.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER);
        assertThat(p.human()).isTrue();
    }

    @Test
    void principal_unlistedUser_viewerUnderDiscordId() {
        Principal p = identities.principal("222222222222222222", "bob");
        assertThat(p.id()).isEqualTo("discord:222222222222222222");
        assertThat(p.displayName()).isEqualTo("bob");
        assertThat(p.roles()).containsExactly(Role.VIEWER);
    }

    @Test
    void principal_grantedGuildRole_addsItsRoles() {
        assertThat(identities.principal("111111111111111111", "Ally", List.of(APPROVERS)).roles())
                .containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER, Role.APPROVER);
        Principal bob = identities.principal("222222222222222222", "bob", List.of(APPROVERS, "444444444444444444"));
        assertThat(bob.id()).isEqualTo("discord:222222222222222222");
        assertThat(bob.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.APPROVER);
    }

    @Test
    void principal_unlistedGuildRole_grantsNothing() {
        assertThat(identities.principal("222222222222222222", "bob", List.of("444444444444444444")).roles())
                .containsExactly(Role.VIEWER);
    }
}
