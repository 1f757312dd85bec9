/**
 * Scheduled work: the jobs configured under {@code schedules} ({@link dev.purser.core.schedule.JobService},
 * what each runs in {@link dev.purser.core.schedule.JobTasks}, every run recorded through
 * {@link dev.purser.core.schedule.JobRuns}) and the one Quartz scheduler that fires them and the
 * one-off tasks other work schedules at an instant ({@link dev.purser.core.schedule.PurserScheduler}):
 * clustered on Purser's PostgreSQL, so with several Purser instances each fire runs once.
 */
package dev.purser.core.schedule;
