package dev.purser.core.plan;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is signing, as the face that received the click or command knows them.
 *
 * @param platform    {@code slack}, {@code discord}, {@code cli}, {@code console}, {@code mcp}
 * @param userId      the platform's id of the person ({@code T0123/U0456}, a Discord id, the OS user, a token name)
 * @param displayName how they are shown
 * @param principal   who they are to Purser (identities map platform users to it); the same
 *                    person has the same principal on every face
 * @param roles       their roles, lower-case ({@code approver}, {@code admin})
 * @param human       false for AI assistants and automation; they need the approver role, which
 *                    a token keeps only when the configuration grants it explicitly
 * @param messageLink where the sign-off was given, when the face knows it
 */
public record Signer(String platform, String userId, String displayName, String principal, Set<String> roles,
        boolean human, Optional<String> messageLink) {

    public Signer {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(principal, "principal");
        roles = roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(messageLink, "messageLink");
    }

    public boolean has(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }
}
