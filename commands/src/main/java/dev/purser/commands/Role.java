package dev.purser.commands;

/**
 * What a principal may do. Roles are granted as sets in configuration; a command names the one
 * role it needs.
 */
public enum Role {
    /** Reads costs, recommendations and plans. */
    VIEWER,
    /** Proposes plans and imports data. */
    REQUESTER,
    /** Signs off plans (never their own). */
    APPROVER,
    /** Sets budgets and configuration. */
    ADMIN
}
