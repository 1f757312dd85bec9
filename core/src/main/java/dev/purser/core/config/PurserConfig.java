package dev.purser.core.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything Purser is configured with, one record per section of {@code purser.yaml}. A section
 * left out gets its defaults; {@link #defaults()} is Purser with no file and no variables.
 *
 * @param home             Purser's own directory: the embedded database, demo files, charts; default {@code ~/.purser}
 * @param timezone         where days begin and end for periods such as {@code mtd}; default UTC
 * @param database         Purser's own database
 * @param imports          directories {@code import} may read
 * @param rules            right-sizing rules and waste thresholds
 * @param budgets          budgets created at start-up
 * @param digitalocean     the DigitalOcean API
 * @param aws              AWS
 * @param prometheus       Prometheus
 * @param databaseTargets  databases {@code db} may analyse
 * @param mcp              the MCP face
 * @param slack            the Slack face
 * @param discord          the Discord face
 * @param identities       chat users → principal and roles
 * @param approvalPolicies who approves changes, per environment tier
 * @param alertRoutes      where alerts go
 * @param schedules        job name → when it runs
 * @param plans            how plans are made: default window, backup age, soak, tiers
 * @param execution        how approved plans run: dry-run or live, APIs, metrics, timings, GitOps files
 */
public record PurserConfig(
        Path home,
        ZoneId timezone,
        DatabaseConfig database,
        ImportConfig imports,
        RulesConfig rules,
        BudgetsConfig budgets,
        DigitalOceanConfig digitalocean,
        AwsConfig aws,
        PrometheusConfig prometheus,
        DatabaseTargetsConfig databaseTargets,
        McpConfig mcp,
        SlackConfig slack,
        DiscordConfig discord,
        List<IdentityConfig> identities,
        List<ApprovalPolicyConfig> approvalPolicies,
        List<AlertRouteConfig> alertRoutes,
        Map<String, ScheduleConfig> schedules,
        PlansConfig plans,
        ExecutionConfig execution) {

    private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public PurserConfig {
        home = (home == null ? defaultHome() : home).toAbsolutePath().normalize();
        timezone = timezone == null ? ZoneOffset.UTC : timezone;
        database = database == null ? DatabaseConfig.defaults() : database;
        imports = imports == null ? ImportConfig.defaults() : imports;
        rules = rules == null ? RulesConfig.defaults() : rules;
        budgets = budgets == null ? BudgetsConfig.defaults() : budgets;
        digitalocean = digitalocean == null ? DigitalOceanConfig.defaults() : digitalocean;
        aws = aws == null ? AwsConfig.defaults() : aws;
        prometheus = prometheus == null ? PrometheusConfig.defaults() : prometheus;
        databaseTargets = databaseTargets == null ? DatabaseTargetsConfig.defaults() : databaseTargets;
        mcp = mcp == null ? McpConfig.defaults() : mcp;
        slack = slack == null ? SlackConfig.defaults() : slack;
        discord = discord == null ? DiscordConfig.defaults() : discord;
        identities = Check.list(identities);
        approvalPolicies = Check.list(approvalPolicies);
        alertRoutes = Check.list(alertRoutes);
        checkIdentities(identities);
        Set<String> routeNames = new HashSet<>();
        for (AlertRouteConfig r : alertRoutes) {
            if (!routeNames.add(r.name())) {
                throw new SettingException("alert_routes", "two routes are named " + r.name() + "; give one a name:");
            }
        }
        Set<String> tiers = new HashSet<>();
        for (ApprovalPolicyConfig p : approvalPolicies) {
            if (!tiers.add(p.tier())) {
                throw new SettingException("approval_policies", "tier " + p.tier() + " has two policies");
            }
        }
        Map<String, ScheduleConfig> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, ScheduleConfig> e : (schedules == null ? Map.<String, ScheduleConfig>of() : schedules).entrySet()) {
            if (!JOB_NAME.matcher(e.getKey()).matches()) {
                throw new SettingException("schedules." + e.getKey(), "a job name is lower-case letters, digits, '_' or '-'");
            }
            ScheduleConfig schedule = Objects.requireNonNull(e.getValue(), "schedule");
            try {
                schedule.jobFor(e.getKey());
            } catch (SettingException bad) {
                throw new SettingException("schedules." + e.getKey() + ".job", bad.problem());
            }
            jobs.put(e.getKey(), schedule);
        }
        schedules = Collections.unmodifiableMap(jobs);
        plans = plans == null ? PlansConfig.defaults() : plans;
        execution = (execution == null ? ExecutionConfig.defaults() : execution).checkedIn(home);
    }

    /** Purser with nothing configured: embedded database, UTC, no cloud sources, no chat faces. */
    public static PurserConfig defaults() {
        return new Builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".purser");
    }

    private static void checkIdentities(List<IdentityConfig> identities) {
        Set<SlackUser> slack = new HashSet<>();
        Set<String> discord = new HashSet<>();
        Set<String> principals = new HashSet<>();
        Set<String> osUsers = new HashSet<>();
        for (IdentityConfig i : identities) {
            if (!principals.add(i.principal())) {
                throw new SettingException("identities", "principal " + i.principal() + " is listed twice");
            }
            if (i.slack() != null && !slack.add(i.slack())) {
                throw new SettingException("identities", "Slack user " + i.slack().teamId() + "/" + i.slack().userId()
                        + " belongs to two principals");
            }
            if (i.discordUserId() != null && !discord.add(i.discordUserId())) {
                throw new SettingException("identities", "Discord user " + i.discordUserId() + " belongs to two principals");
            }
            if (i.osUser() != null && !osUsers.add(i.osUser())) {
                throw new SettingException("identities", "OS user " + i.osUser() + " belongs to two principals");
            }
        }
    }

    /** Changes some sections of a configuration, as the environment overlay and tests do. */
    public static final class Builder {
        private Path home;
        private ZoneId timezone;
        private DatabaseConfig database;
        private ImportConfig imports;
        private RulesConfig rules;
        private BudgetsConfig budgets;
        private DigitalOceanConfig digitalocean;
        private AwsConfig aws;
        private PrometheusConfig prometheus;
        private DatabaseTargetsConfig databaseTargets;
        private McpConfig mcp;
        private SlackConfig slack;
        private DiscordConfig discord;
        private List<IdentityConfig> identities;
        private List<ApprovalPolicyConfig> approvalPolicies;
        private List<AlertRouteConfig> alertRoutes;
        private Map<String, ScheduleConfig> schedules;
        private PlansConfig plans;
        private ExecutionConfig execution;

        public Builder() {
        }

        private Builder(PurserConfig c) {
            home = c.home;
            timezone = c.timezone;
            database = c.database;
            imports = c.imports;
            rules = c.rules;
            budgets = c.budgets;
            digitalocean = c.digitalocean;
            aws = c.aws;
            prometheus = c.prometheus;
            databaseTargets = c.databaseTargets;
            mcp = c.mcp;
            slack = c.slack;
            discord = c.discord;
            identities = c.identities;
            approvalPolicies = c.approvalPolicies;
            alertRoutes = c.alertRoutes;
            schedules = c.schedules;
            plans = c.plans;
            execution = c.execution;
        }

        public Builder home(Path value) {
            home = value;
            return this;
        }

        public Builder timezone(ZoneId value) {
            timezone = value;
            return this;
        }

        public Builder database(DatabaseConfig value) {
            database = value;
            return this;
        }

        public Builder imports(ImportConfig value) {
            imports = value;
            return this;
        }

        public Builder rules(RulesConfig value) {
            rules = value;
            return this;
        }

        public Builder budgets(BudgetsConfig value) {
            budgets = value;
            return this;
        }

        public Builder digitalocean(DigitalOceanConfig value) {
            digitalocean = value;
            return this;
        }

        public Builder aws(AwsConfig value) {
            aws = value;
            return this;
        }

        public Builder prometheus(PrometheusConfig value) {
            prometheus = value;
            return this;
        }

        public Builder databaseTargets(DatabaseTargetsConfig value) {
            databaseTargets = value;
            return this;
        }

        public Builder mcp(McpConfig value) {
            mcp = value;
            return this;
        }

        public Builder slack(SlackConfig value) {
            slack = value;
            return this;
        }

        public Builder discord(DiscordConfig value) {
            discord = value;
            return this;
        }

        public Builder identities(List<IdentityConfig> value) {
            identities = value;
            return this;
        }

        public Builder approvalPolicies(List<ApprovalPolicyConfig> value) {
            approvalPolicies = value;
            return this;
        }

        public Builder alertRoutes(List<AlertRouteConfig> value) {
            alertRoutes = value;
            return this;
        }

        public Builder schedules(Map<String, ScheduleConfig> value) {
            schedules = value;
            return this;
        }

        public Builder plans(PlansConfig value) {
            plans = value;
            return this;
        }

        public Builder execution(ExecutionConfig value) {
            execution = value;
            return this;
        }

        public PurserConfig build() {
            return new PurserConfig(home, timezone, database, imports, rules, budgets, digitalocean, aws, prometheus,
                    databaseTargets, mcp, slack, discord, identities, approvalPolicies, alertRoutes, schedules, plans,
                    execution);
        }
    }
}
