/**
 * Commands defined once (name, typed arguments, role, effect, handler), their registry, the
 * parser for what users type after {@code /purser}, and the dispatcher that runs them.
 */
package dev.purser.commands;
