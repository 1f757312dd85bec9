package dev.purser.mcp.auth;

import dev.purser.commands.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an {@code Authorization} header to the principal of a configured token.
 *
 * <p>Timing: every configured token is compared, each through a SHA-256 digest with
 * {@link MessageDigest#isEqual}, so the time taken depends neither on how many leading
 * characters matched nor on which token (if any) matched, nor on the presented token's length.
 */
public final class TokenAuthenticator {

    private static final String BEARER = "bearer ";

    private final List<Entry> entries;

    private record Entry(byte[] digest, Principal principal) {
    }

    /**
     * @throws IllegalArgumentException when two grants share a name or a token
     */
    public TokenAuthenticator(List<TokenGrant> grants) {
        List<Entry> built = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (TokenGrant grant : grants) {
            if (!names.add(grant.name())) {
                throw new IllegalArgumentException("two MCP tokens are named " + grant.name());
            }
            if (!tokens.add(grant.token())) {
                throw new IllegalArgumentException("MCP token " + grant.name() + " repeats another token's secret");
            }
            built.add(new Entry(sha256(grant.token()), grant.principal()));
        }
        this.entries = List.copyOf(built);
    }

    /** True when no token is configured: every HTTP request is then refused. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * @param authorization the raw header value, possibly null
     * @return the principal of the matching token; empty when the header is absent, malformed
     *         or names no configured token
     */
    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        Principal match = null;
        for (Entry entry : entries) {
            // No early exit: the loop's duration must not tell which entry matched.
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                match = entry.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
