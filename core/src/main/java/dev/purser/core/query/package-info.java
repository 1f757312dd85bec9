/**
 * The words people type about what to look at, read into model values: periods relative to a
 * clock ({@code 30d}, {@code last-month}, {@code 2026-10}) and cost dimensions ({@code service},
 * {@code tag:env}). Kept out of the model so the model depends on nothing else of core.
 */
package dev.purser.core.query;
