package dev.purser.core.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purser's one scheduler: Quartz with its JDBC job store in Purser's PostgreSQL (tables from
 * migration V8), clustered, so any number of Purser instances share the schedule and each fire
 * runs on one of them. It runs the jobs configured under {@code schedules} and one-off tasks
 * other work schedules at an instant ({@link #scheduleOnce}).
 *
 * <p>Clustering, as Quartz on PostgreSQL needs it: {@code isClustered} on every instance with the
 * same scheduler name and an instance id of its own ({@code AUTO}: host and start time);
 * {@code PostgreSQLDelegate}; triggers acquired within the row lock
 * ({@code acquireTriggersWithinLock}, without which duplicate firings are reported); the lock rows
 * seeded by the migration; a connection pool of its own, four larger than the worker threads
 * (Quartz's cluster manager and misfire handler hold connections besides the workers). Instances'
 * clocks should agree within a second.
 *
 * <p>Once per fire: besides Quartz's lock, each run is claimed in {@code job_run} by its fire
 * time (see {@link JobService}), and one-off tasks by their id, so a fire that reaches a second
 * instance, or a recovery re-fire of a run that finished, does nothing.
 *
 * <p>Restart: triggers live in the database, so a restarted instance (or another one) fires what
 * is due; a fire missed while none ran follows its {@link MisfirePolicy}; a run whose instance died
 * is re-fired on another ({@code requestsRecovery}) and takes over its claim.
 *
 * <p>Configured jobs are synchronised at {@link #start()}: a trigger whose cron, zone and misfire
 * are unchanged is kept as stored (so its missed fires are still handled); a changed one is
 * replaced; a job no longer configured is removed.
 */
public final class PurserScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PurserScheduler.class);

    static final String CONFIG_GROUP = "config";
    static final String ONCE_GROUP = "once";
    private static final String DATA_PREFIX = "d.";
    private static final Pattern HANDLER = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    /**
     * @param name              the cluster's scheduler name; every instance of one deployment uses
     *                          the same (migration V8 seeds the locks of {@code purser})
     * @param instanceId        this instance's id in the cluster; {@code AUTO} for host and start time
     * @param threads           worker threads: jobs that may run at once on this instance
     * @param checkinInterval   how often this instance tells the cluster it lives; another instance
     *                          recovers its runs some intervals after it stops
     * @param misfireThreshold  how late a fire may be before its misfire policy applies
     */
    public record Settings(String name, String instanceId, int threads, Duration checkinInterval,
            Duration misfireThreshold) {
        public static final String AUTO = "AUTO";

        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instanceId, "instanceId");
            if (threads < 1 || threads > 20) {
                throw new IllegalArgumentException("threads must be 1..20: " + threads);
            }
            Objects.requireNonNull(checkinInterval, "checkinInterval");
            Objects.requireNonNull(misfireThreshold, "misfireThreshold");
        }

        public static Settings defaults() {
            return new Settings("purser", AUTO, 3, Duration.ofMillis(7_500), Duration.ofSeconds(60));
        }

        public Settings withInstanceId(String id) {
            return new Settings(name, id, threads, checkinInterval, misfireThreshold);
        }

        /** Connections in the scheduler's own pool: more than the threads plus three. */
        public int poolSize() {
            return threads + 4;
        }
    }

    private final Scheduler quartz;
    private final HikariDataSource pool;
    private final JobService jobs;
    private final JobRuns runs;
    private final Settings settings;
    private final String instanceId;
    private final Map<String, OneOffTask> handlers = new ConcurrentHashMap<>();

    private PurserScheduler(Scheduler quartz, HikariDataSource pool, JobService jobs, JobRuns runs, Settings settings)
            throws SchedulerException {
        this.quartz = quartz;
        this.pool = pool;
        this.jobs = jobs;
        this.runs = runs;
        this.settings = settings;
        this.instanceId = quartz.getSchedulerInstanceId();
        quartz.setJobFactory((bundle, scheduler) -> {
            Class<? extends Job> type = bundle.getJobDetail().getJobClass();
            if (type == ConfiguredFire.class) {
                return new ConfiguredFire(this);
            }
            if (type == OnceFire.class) {
                return new OnceFire(this);
            }
            throw new SchedulerException("not a Purser job class: " + type.getName());
        });
    }

    /**
     * Builds the scheduler over Purser's database, not yet started: register one-off handlers,
     * then {@link #start()}.
     *
     * @param database Purser's database (migrated); the scheduler opens its own pool to the same server
     * @param jobs     the configured jobs and how they run
     * @param runs     where one-off runs are claimed and recorded
     * @throws PurserException DATABASE_UNAVAILABLE when Quartz cannot be set up
     */
    public static PurserScheduler create(DataSource database, Settings settings, JobService jobs, JobRuns runs) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(runs, "runs");
        String dataSourceName = "purser-" + UUID.randomUUID();
        HikariDataSource pool = pool(database, settings.poolSize());
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
                pool.close();
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.name());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, settings.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "purser-job");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // the cluster manager and misfire handler threads: a process that is told to exit exits
        p.setProperty("org.quartz.jobStore.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.checkinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireThreshold().toMillis()));
        // job data as strings only: no Java serialization in the database
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            Scheduler quartz = factory.getScheduler();
            // The repository is a JVM-wide map by scheduler name; Purser holds its scheduler
            // itself, and two instances of one cluster in one JVM (tests) need the same name.
            SchedulerRepository.getInstance().remove(settings.name());
            return new PurserScheduler(quartz, pool, jobs, runs, settings);
        } catch (SchedulerException e) {
            pool.close();
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "the scheduler could not be set up: "
                    + e.getMessage(), e);
        }
    }

    /** A pool of the scheduler's own to the server Purser's pool reaches, so jobs never starve commands. */
    static HikariDataSource pool(DataSource database, int size) {
        HikariConfig config = new HikariConfig();
        HikariDataSource hikari = null;
        try {
            if (database.isWrapperFor(HikariDataSource.class)) {
                hikari = database.unwrap(HikariDataSource.class);
            }
        } catch (SQLException e) {
            hikari = null;
        }
        if (hikari != null && hikari.getJdbcUrl() != null) {
            config.setJdbcUrl(hikari.getJdbcUrl());
            config.setUsername(hikari.getUsername());
            config.setPassword(hikari.getPassword());
        } else if (hikari != null && hikari.getDataSource() != null) {
            config.setDataSource(hikari.getDataSource());
        } else {
            config.setDataSource(database);
        }
        config.setPoolName("purser-scheduler");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * Registers what runs one-off tasks of a handler name. Every instance must register the same
     * handlers before {@link #start()}, since any of them may fire a task.
     */
    public void register(String handler, OneOffTask task) {
        checkHandler(handler);
        if (handlers.putIfAbsent(handler, Objects.requireNonNull(task, "task")) != null) {
            throw new IllegalArgumentException("handler " + handler + " is registered twice");
        }
    }

    /** Synchronises the configured jobs into the store and starts firing. */
    public void start() {
        try {
            syncConfiguredJobs();
            quartz.start();
            LOG.info("scheduler {} started as instance {} with {} configured job(s)", settings.name(), instanceId,
                    jobs.jobs().size());
        } catch (SchedulerException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "the scheduler could not start: " + e.getMessage(), e);
        }
    }

    private void syncConfiguredJobs() throws SchedulerException {
        Set<String> names = new HashSet<>();
        for (ScheduledJob job : jobs.jobs()) {
            names.add(job.name());
            JobDetail detail = JobBuilder.newJob(ConfiguredFire.class).withIdentity(job.name(), CONFIG_GROUP)
                    .withDescription(job.kind().word()).requestRecovery(true).build();
            CronTrigger trigger = cronTrigger(job, detail.getKey());
            Trigger existing = quartz.getTrigger(trigger.getKey());
            if (existing instanceof CronTrigger c && c.getCronExpression().equals(job.cron())
                    && c.getTimeZone().getID().equals(TimeZone.getTimeZone(job.zone()).getID())
                    && c.getMisfireInstruction() == trigger.getMisfireInstruction()) {
                continue;
            }
            if (existing != null) {
                quartz.scheduleJob(detail, Set.of(trigger), true);
                LOG.info("job {} rescheduled: {} {}", job.name(), job.cron(), job.zone());
                continue;
            }
            try {
                quartz.scheduleJob(detail, trigger);
                LOG.info("job {} scheduled: {} {} (misfire {})", job.name(), job.cron(), job.zone(), job.misfire().word());
            } catch (ObjectAlreadyExistsException e) {
                LOG.debug("job {} was scheduled by another instance at the same moment", job.name());
            }
        }
        for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(CONFIG_GROUP))) {
            if (!names.contains(key.getName())) {
                quartz.deleteJob(key);
                LOG.info("job {} is no longer configured; removed from the schedule", key.getName());
            }
        }
    }

    static CronTrigger cronTrigger(ScheduledJob job, JobKey key) {
        CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(job.cron())
                .inTimeZone(TimeZone.getTimeZone(job.zone()));
        schedule = switch (job.misfire()) {
            case RUN_LATE -> schedule.withMisfireHandlingInstructionFireAndProceed();
            case SKIP -> schedule.withMisfireHandlingInstructionDoNothing();
        };
        return TriggerBuilder.newTrigger().withIdentity(job.name(), CONFIG_GROUP).forJob(key)
                .withDescription(job.kind().word()).withSchedule(schedule).build();
    }

    /**
     * Schedules a one-off task at an instant, once: scheduling the same handler and id again
     * (after a restart, from another instance) changes nothing and returns false.
     *
     * @param handler a name {@link #register registered} on every instance, such as {@code plan-phase}
     * @param id      what the task is, unique within the handler, such as a plan's id and phase
     * @param at      when; an instant already past fires at once
     * @param data    what the task needs, as text (stored as text, never serialized objects)
     * @param misfire what to do when {@code at} passed while no instance ran: run late, or tell
     *                the task it was {@link OneOffTask#missed missed}
     * @return true when scheduled now, false when it already was
     * @throws IllegalArgumentException for a bad handler or id
     * @throws PurserException DATABASE_ERROR when the store fails
     */
    public boolean scheduleOnce(String handler, String id, Instant at, Map<String, String> data, MisfirePolicy misfire) {
        checkHandler(handler);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(misfire, "misfire");
        if (id == null || id.isBlank() || id.length() > 150) {
            throw new IllegalArgumentException("one-off id must be 1..150 characters: " + id);
        }
        JobDataMap map = new JobDataMap();
        map.put("handler", handler);
        map.put("id", id);
        map.put("misfire", misfire.name());
        map.put("at", Long.toString(at.toEpochMilli()));
        data.forEach((k, v) -> map.put(DATA_PREFIX + k, Objects.requireNonNull(v, "data value of " + k)));
        JobDetail detail = JobBuilder.newJob(OnceFire.class).withIdentity(onceKey(handler, id), ONCE_GROUP)
                .usingJobData(map).requestRecovery(true).build();
        // Both policies fire at once when late, so the task (not Quartz) decides: SKIP becomes
        // missed(), which a plan records, where Quartz's own "skip" would drop it silently.
        SimpleTrigger trigger = TriggerBuilder.newTrigger().withIdentity(onceKey(handler, id), ONCE_GROUP)
                .startAt(Date.from(at)).withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withMisfireHandlingInstructionFireNow()).build();
        try {
            quartz.scheduleJob(detail, trigger);
            return true;
        } catch (ObjectAlreadyExistsException e) {
            return false;
        } catch (SchedulerException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not schedule " + handler + "/" + id + ": "
                    + e.getMessage(), e);
        }
    }

    /** Cancels a one-off task not yet fired; false when there was none. */
    public boolean cancelOnce(String handler, String id) {
        try {
            return quartz.deleteJob(new JobKey(onceKey(handler, id), ONCE_GROUP));
        } catch (SchedulerException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not cancel " + handler + "/" + id, e);
        }
    }

    /** When a one-off task is due, if it is still scheduled. */
    public Optional<Instant> onceDue(String handler, String id) {
        return next(new TriggerKey(onceKey(handler, id), ONCE_GROUP));
    }

    /** The next fire of a configured job, as stored (empty when not scheduled). */
    public Optional<Instant> nextFire(String job) {
        return next(new TriggerKey(job, CONFIG_GROUP));
    }

    private Optional<Instant> next(TriggerKey key) {
        try {
            Trigger t = quartz.getTrigger(key);
            return t == null || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new PurserException(ErrorCode.DATABASE_ERROR, "could not read trigger " + key, e);
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public boolean isStarted() {
        try {
            return quartz.isStarted() && !quartz.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Stops firing and waits for running jobs to finish (what they hold in the store is then
     * consistent); idempotent.
     */
    @Override
    public void close() {
        try {
            if (!quartz.isShutdown()) {
                quartz.shutdown(true);
                LOG.info("scheduler instance {} stopped", instanceId);
            }
        } catch (SchedulerException e) {
            LOG.warn("scheduler did not stop cleanly", e);
        } finally {
            pool.close();
        }
    }

    /**
     * Stops checking in and firing without waiting for running jobs or recording their end, as a
     * killed process leaves the cluster (for tests of recovery): the other instances then recover
     * its runs.
     */
    void abandon() {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("shutdown failed", e);
        }
        pool.close();
    }

    private static String onceKey(String handler, String id) {
        return handler + ":" + id;
    }

    private static void checkHandler(String handler) {
        if (handler == null || !HANDLER.matcher(handler).matches()) {
            throw new IllegalArgumentException("handler must be lower-case letters, digits, '_', '.' or '-': " + handler);
        }
    }

    void fireConfigured(JobExecutionContext context) {
        String name = context.getJobDetail().getKey().getName();
        jobs.runScheduled(name, context.getScheduledFireTime().toInstant(), context.isRecovering(), instanceId);
    }

    void fireOnce(JobExecutionContext context) {
        JobDataMap map = context.getMergedJobDataMap();
        String handler = map.getString("handler");
        String id = map.getString("id");
        MisfirePolicy misfire = MisfirePolicy.valueOf(map.getString("misfire"));
        Instant scheduled = Instant.ofEpochMilli(Long.parseLong(map.getString("at")));
        Instant fired = context.getFireTime().toInstant();
        Map<String, String> data = new LinkedHashMap<>();
        for (String k : map.getKeys()) {
            if (k.startsWith(DATA_PREFIX)) {
                data.put(k.substring(DATA_PREFIX.length()), map.getString(k));
            }
        }
        OneOffTask task = handlers.get(handler);
        if (task == null) {
            LOG.error("one-off {}/{} fired on instance {}, which has no handler {} registered", handler, id, instanceId,
                    handler);
            return;
        }
        OptionalLong claim = runs.claim("once:" + handler, id, context.isRecovering() ? "recovery" : "schedule",
                instanceId, scheduled, fired, context.isRecovering());
        if (claim.isEmpty()) {
            LOG.info("one-off {}/{} already ran; not run again", handler, id);
            return;
        }
        OneOffTask.Firing firing = new OneOffTask.Firing(handler, id, scheduled, fired, data, context.isRecovering());
        // A recovery re-fire is late by construction, but the task did start in time on the
        // instance that died: it resumes rather than being reported missed.
        boolean late = !context.isRecovering() && fired.isAfter(scheduled.plus(settings.misfireThreshold()));
        try {
            if (late && misfire == MisfirePolicy.SKIP) {
                task.missed(firing);
                runs.finish(claim.getAsLong(), true, 0, "missed: due " + scheduled + ", fired " + fired + "; skipped",
                        null, null, Instant.now());
            } else {
                task.run(firing);
                runs.finish(claim.getAsLong(), true, 0, late ? "ran late: due " + scheduled : "ran", null, null,
                        Instant.now());
            }
        } catch (RuntimeException e) {
            PurserException p = e instanceof PurserException pe ? pe
                    : new PurserException(ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName(), e);
            LOG.warn("one-off {}/{} failed [ref {}]", handler, id, p.referenceId(), e);
            runs.finish(claim.getAsLong(), false, 0, null, p.referenceId(), p.getMessage(), Instant.now());
        }
    }

    /** Fires a configured job; one at a time per job across the cluster. */
    @DisallowConcurrentExecution
    static final class ConfiguredFire implements Job {
        private final PurserScheduler scheduler;

        ConfiguredFire(PurserScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void execute(JobExecutionContext context) {
            scheduler.fireConfigured(context);
        }
    }

    /** Fires a one-off task. */
    static final class OnceFire implements Job {
        private final PurserScheduler scheduler;

        OnceFire(PurserScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void execute(JobExecutionContext context) {
            scheduler.fireOnce(context);
        }
    }
}
