/**
 * The audit trail: every plan event, sign-off and executor call, hash-chained so that an edit to
 * any stored entry is found by {@link dev.purser.core.audit.AuditTrail#verify()}.
 */
package dev.purser.core.audit;
