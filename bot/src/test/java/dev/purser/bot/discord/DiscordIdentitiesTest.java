package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.IdentityConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscordIdentitiesTest {

    private final DiscordIdentities identities = new DiscordIdentities(List.of(
            new IdentityConfig("alice", null, "111111111111111111", Set.of("approver", "requester"))));

    @Test
    void principal_listedUser_configuredNameAndRolesPlusViewer() {
        Principal p = identities.principal("111111111111111111", "Ally");
        assertThat(p.id()).isEqualTo("alice");
        assertThat(p.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.REQUESTER, Role.APPROVER);
        assertThat(p.human()).isTrue();
    }

    @Test
    void principal_unlistedUser_viewerUnderDiscordId() {
        Principal p = identities.principal("222222222222222222", "bob");
        assertThat(p.id()).isEqualTo("discord:222222222222222222");
        assertThat(p.displayName()).isEqualTo("bob");
        assertThat(p.roles()).containsExactly(Role.VIEWER);
    }
}
