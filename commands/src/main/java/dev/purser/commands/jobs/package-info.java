/** {@code jobs list|run|history}: the scheduled jobs configured under {@code schedules} and their runs. */
package dev.purser.commands.jobs;
