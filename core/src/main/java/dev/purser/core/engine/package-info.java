/**
 * The engine: one object that owns the analyses, importers and pulls a deployment has, built
 * once from the typed configuration, and handed whole to the command registry, the scheduler and
 * every face. Tests build one from fakes with {@link dev.purser.core.engine.PurserEngine#builder}.
 */
package dev.purser.core.engine;
