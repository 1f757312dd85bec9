/**
 * Running one phase's change against a provider, safely: executors (DigitalOcean database and
 * droplet resizes, GitOps file patches, dry-run), the idempotency journal every call is recorded in
 * before it is sent, the database rehearsal on a fork, and the soak that compares post-change
 * metrics with the pre-change baseline and rolls back on a breach.
 *
 * <p>The plan state machine and the scheduler sit above this package: they decide when a phase
 * runs and persist where it is; this package decides what one step does and never repeats a
 * change the provider already accepted.
 */
package dev.purser.core.execution;
