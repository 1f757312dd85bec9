package dev.purser.core.config;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One bearer token admitted on the MCP HTTP endpoint. The token itself is in the environment
 * variable this names; approving is for humans, so {@code approver} counts only with
 * {@code allow_approve}.
 *
 * @param tokenEnv     the environment variable holding the token
 * @param principal    who the token acts as, in logs and the audit ({@code ci}, {@code cursor-alice})
 * @param roles        its roles; default viewer
 * @param allowApprove explicit permission to keep the approver role
 */
public record McpTokenConfig(String tokenEnv, String principal, Set<String> roles, Boolean allowApprove) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public McpTokenConfig {
        tokenEnv = Check.variable("token_env", Check.required("token_env", tokenEnv), null);
        principal = Check.required("principal", principal);
        if (!NAME.matcher(principal).matches()) {
            throw new SettingException("principal", "must be letters, digits, '.', '_' or '-'");
        }
        roles = Check.roles("roles", roles, Set.of("viewer"));
        allowApprove = allowApprove != null && allowApprove;
    }
}
