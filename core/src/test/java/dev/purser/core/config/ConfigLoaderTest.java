package dev.purser.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final Path BASE = Path.of("/etc/purser");

    private static PurserConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "purser.yaml", BASE);
    }

    private static PurserException failure(String yaml) {
        return catchThrowableOfType(PurserException.class, () -> parse(yaml));
    }

    @Test
    void parse_emptyFile_isTheDefaults() {
        assertThat(parse("")).isEqualTo(PurserConfig.defaults());
        assertThat(parse("# only a comment\n")).isEqualTo(PurserConfig.defaults());
    }

    @Test
    void defaults_everySection() {
        PurserConfig c = PurserConfig.defaults();
        assertThat(c.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".purser").toAbsolutePath());
        assertThat(c.timezone()).isEqualTo(ZoneId.of("Z"));
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.database().passwordEnv()).isEqualTo("PURSER_DATABASE_PASSWORD");
        assertThat(c.imports().directories()).isEmpty();
        assertThat(c.rules().file()).isNull();
        assertThat(c.rules().resolve()).isEqualTo(dev.purser.core.analysis.rules.AnalysisRules.defaults());
        assertThat(c.budgets().resolve()).isEmpty();
        assertThat(c.digitalocean().baseUrl()).isEqualTo(URI.create("https://api.digitalocean.com"));
        assertThat(c.digitalocean().tokenEnv()).isEqualTo("DIGITALOCEAN_TOKEN");
        assertThat(c.aws().region()).isEqualTo("us-east-1");
        assertThat(c.aws().accountId()).isNull();
        assertThat(c.aws().endpoints()).isEmpty();
        assertThat(c.prometheus().configured()).isFalse();
        assertThat(c.prometheus().tokenEnv()).isEqualTo("PURSER_PROMETHEUS_TOKEN");
        assertThat(c.databaseTargets().targets()).isEmpty();
        assertThat(c.databaseTargets().allowedHosts()).isEmpty();
        assertThat(c.mcp().tokens()).isEmpty();
        assertThat(c.mcp().stdioRoles()).containsExactlyInAnyOrder("viewer", "requester");
        assertThat(c.mcp().allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
        assertThat(c.mcp().allowedOrigins()).isEqualTo(c.mcp().allowedHosts());
        assertThat(c.mcp().bind()).isEqualTo("127.0.0.1");
        assertThat(c.mcp().port()).isEqualTo(8765);
        assertThat(c.slack().apiBaseUrl()).isEqualTo(URI.create("https://slack.com/api/"));
        assertThat(c.slack().signingSecretEnv()).isEqualTo("SLACK_SIGNING_SECRET");
        assertThat(c.slack().botTokenEnv()).isEqualTo("SLACK_BOT_TOKEN");
        assertThat(c.slack().appTokenEnv()).isEqualTo("SLACK_APP_TOKEN");
        assertThat(c.discord().apiBaseUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
        assertThat(c.discord().tokenEnv()).isEqualTo("DISCORD_TOKEN");
        assertThat(c.discord().devGuildId()).isNull();
        assertThat(c.identities()).isEmpty();
        assertThat(c.approvalPolicies()).isEmpty();
        assertThat(c.alertRoutes()).isEmpty();
        assertThat(c.schedules()).isEmpty();
    }

    @Test
    void parse_databaseAndPlaces() {
        PurserConfig c = parse("""
                home: /var/lib/purser
                timezone: Europe/Berlin
                database:
                  url: jdbc:postgresql://db:5432/purser
                  user: purser
                  password_env: DB_PASS
                imports:
                  directories: [/srv/exports, exports]
                """);
        assertThat(c.home()).isEqualTo(Path.of("/var/lib/purser"));
        assertThat(c.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.database()).isEqualTo(new DatabaseConfig("jdbc:postgresql://db:5432/purser", "purser", "DB_PASS"));
        assertThat(c.imports().directories()).containsExactly(Path.of("/srv/exports"), Path.of("/etc/purser/exports"));
    }

    @Test
    void parse_rulesAndBudgets() {
        PurserConfig c = parse("""
                rules:
                  file: rules.properties
                  rightsizing: {cpu_p95_target: 0.5}
                  waste: {snapshot_retention_days: 30}
                budgets:
                  definitions:
                    - {name: total, amount: 4000.50, scope: total, account: livyflow, thresholds: [80, 100]}
                """);
        assertThat(c.rules().file()).isEqualTo(Path.of("/etc/purser/rules.properties"));
        assertThat(c.rules().rightsizing()).containsEntry("cpu_p95_target", "0.5");
        assertThat(c.rules().waste()).containsEntry("snapshot_retention_days", "30");
        BudgetConfig b = c.budgets().definitions().get(0);
        assertThat(b).isEqualTo(new BudgetConfig("total", new BigDecimal("4000.50"), "USD", "total", "livyflow", List.of(80, 100)));
        assertThat(b.toBudget().thresholds()).containsExactly(80, 100);
    }

    @Test
    void parse_sources() {
        PurserConfig c = parse("""
                digitalocean: {base_url: "http://localhost:9000", token_env: DO_READ_TOKEN}
                aws:
                  region: eu-west-1
                  account_id: "111122223333"
                  endpoints: {cost_explorer: "http://localhost:4566"}
                prometheus: {url: "http://prometheus:9090", token_env: PROM_TOKEN, queries_file: /etc/q.properties}
                database_targets:
                  targets:
                    orders: {url: "jdbc:postgresql://orders:5432/orders", password_env: ORDERS_PW}
                  allowed_hosts: ["*.db.ondigitalocean.com"]
                """);
        assertThat(c.digitalocean()).isEqualTo(new DigitalOceanConfig(URI.create("http://localhost:9000"), "DO_READ_TOKEN"));
        assertThat(c.aws()).isEqualTo(new AwsConfig("eu-west-1", "111122223333",
                Map.of("cost_explorer", URI.create("http://localhost:4566"))));
        assertThat(c.prometheus()).isEqualTo(new PrometheusConfig(URI.create("http://prometheus:9090"), "PROM_TOKEN",
                Path.of("/etc/q.properties")));
        assertThat(c.databaseTargets().targets()).containsExactly(Map.entry("orders",
                new DatabaseTargetConfig("jdbc:postgresql://orders:5432/orders", "PGUSER", "ORDERS_PW")));
        assertThat(c.databaseTargets().allowedHosts()).containsExactly("*.db.ondigitalocean.com");
    }

    @Test
    void parse_faces() {
        PurserConfig c = parse("""
                mcp:
                  tokens:
                    - {token_env: CI_TOKEN, principal: ci, roles: [viewer, approver], allow_approve: true}
                    - {token_env: ALICE_TOKEN, principal: alice}
                  stdio_user: alice
                  stdio_roles: [viewer]
                  allowed_hosts: [purser.internal]
                  bind: 0.0.0.0
                  port: 0
                slack: {api_base_url: "http://localhost:8080/api/", signing_secret_env: S, bot_token_env: B, app_token_env: A}
                discord: {token_env: D, dev_guild_id: "123456789012345678"}
                """);
        assertThat(c.mcp().tokens()).containsExactly(
                new McpTokenConfig("CI_TOKEN", "ci", Set.of("viewer", "approver"), true),
                new McpTokenConfig("ALICE_TOKEN", "alice", Set.of("viewer"), false));
        assertThat(c.mcp().stdioUser()).isEqualTo("alice");
        assertThat(c.mcp().stdioRoles()).containsExactly("viewer");
        assertThat(c.mcp().allowedHosts()).containsExactly("purser.internal");
        assertThat(c.mcp().allowedOrigins()).containsExactly("purser.internal");
        assertThat(c.mcp().bind()).isEqualTo("0.0.0.0");
        assertThat(c.mcp().port()).isZero();
        assertThat(c.slack()).isEqualTo(new SlackConfig(URI.create("http://localhost:8080/api/"), "S", "B", "A"));
        assertThat(c.discord()).isEqualTo(new DiscordConfig(URI.create("https://discord.com/api/v10/"), "D",
                "123456789012345678"));
    }

    @Test
    void parse_identitiesPoliciesRoutesSchedules() {
        PurserConfig c = parse("""
                identities:
                  - {principal: alice, slack: {team_id: T01, user_id: U01}, roles: [approver]}
                  - {principal: bob, discord_user_id: "234567890123456789"}
                approval_policies:
                  - {tier: production, approvals_required: 2, eligible_roles: [admin], eligible_users: [bob],
                     scope: per_plan, validity: 12h}
                  - {tier: staging}
                alert_routes:
                  - {kind: budget, scope: "account:livyflow", platform: slack, channel: C01}
                  - {kind: anomaly, platform: discord, channel: "345678901234567890"}
                schedules:
                  daily-import: {cron: "0 0 6 * * ?", time_zone: Europe/Berlin, job: do-billing}
                  budget-check: {cron: "0 30 * * * ?"}
                """);
        assertThat(c.identities()).containsExactly(
                new IdentityConfig("alice", new SlackUser("T01", "U01"), null, Set.of("approver")),
                new IdentityConfig("bob", null, "234567890123456789", Set.of("viewer")));
        assertThat(c.approvalPolicies()).containsExactly(
                new ApprovalPolicyConfig("production", 2, Set.of("admin"), List.of("bob"), ApprovalScope.PER_PLAN,
                        Duration.ofHours(12)),
                new ApprovalPolicyConfig("staging", 1, Set.of("approver"), List.of(), ApprovalScope.PER_PHASE,
                        Duration.ofHours(24)));
        assertThat(c.alertRoutes()).containsExactly(
                new AlertRouteConfig("budget", "account:livyflow", "slack", "C01"),
                new AlertRouteConfig("anomaly", "*", "discord", "345678901234567890"));
        assertThat(c.schedules()).containsExactly(
                Map.entry("daily-import", new ScheduleConfig("0 0 6 * * ?", ZoneId.of("Europe/Berlin"), "do-billing", null,
                        null)),
                Map.entry("budget-check", new ScheduleConfig("0 30 * * * ?", ZoneId.of("UTC"))));
    }

    @Test
    void parse_plansAndShellIdentity() {
        PurserConfig c = parse("""
                identities:
                  - {principal: alice, os_user: alice.m, roles: [requester, approver]}
                plans:
                  default_window: "Sat 02:00-04:00 Europe/Berlin"
                  backup_max_age: 12h
                  soak: 2d
                  rehearsal_soak: 30m
                  tiers: {sso-prod: Production, mandible-staging-01: staging}
                """);
        assertThat(c.identities().get(0).osUser()).isEqualTo("alice.m");
        assertThat(c.plans()).isEqualTo(new PlansConfig("Sat 02:00-04:00 Europe/Berlin", Duration.ofHours(12),
                Duration.ofDays(2), Duration.ofMinutes(30), Map.of("sso-prod", "production",
                "mandible-staging-01", "staging")));
        assertThat(parse("").plans()).isEqualTo(PlansConfig.defaults());
        assertThat(PlansConfig.defaults().soak()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void parse_plansBadValues_nameTheKey() {
        assertThat(failure("plans:\n  soak: 0m\n").getMessage()).contains("'plans.soak': must be positive");
        assertThat(failure("plans:\n  tiers: {sso-prod: \"Prod Tier\"}\n").getMessage())
                .contains("plans.tiers.sso-prod");
        assertThat(failure("identities:\n  - {principal: a, os_user: \"bad user\"}\n").getMessage())
                .contains("os_user");
        assertThat(failure("identities:\n  - {principal: a, os_user: x}\n  - {principal: b, os_user: x}\n")
                .getMessage()).contains("OS user x belongs to two principals");
    }

    @Test
    void parse_mcpToken_mayNotApproveUnlessGranted() {
        PurserConfig c = parse("mcp:\n  tokens:\n    - {token_env: T, principal: bot, roles: [approver]}\n");
        assertThat(c.mcp().tokens().get(0).allowApprove()).isFalse();
        assertThat(failure("mcp:\n  tokens:\n    - {token_env: T, principal: bot, allow_approve: maybe}\n")
                .getMessage()).contains("allow_approve");
    }

    @Test
    void parse_unknownKey_namesPathLineAndKnownKeys() {
        PurserException e = failure("""
                database:
                  user: purser
                digitalocean:
                  tokn: DO_TOKEN
                """);
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).startsWith("purser.yaml:4: unknown key 'digitalocean.tokn'")
                .contains("(expected one of: base_url, token_env)");
    }

    @Test
    void parse_unknownTopLevelSection_namesItsLine() {
        PurserException e = failure("timezone: UTC\n\nslak:\n  bot_token_env: X\n");
        assertThat(e.getMessage()).startsWith("purser.yaml:3: unknown key 'slak'").contains("slack");
    }

    @Test
    void parse_unknownKeyInAList_namesTheIndex() {
        PurserException e = failure("""
                identities:
                  - principal: alice
                    slack: {team_id: T01, user_id: U01}
                  - principal: bob
                    discord_user_id: "234567890123456789"
                    role: [admin]
                """);
        assertThat(e.getMessage()).startsWith("purser.yaml:6: unknown key 'identities[1].role'");
    }

    @Test
    void parse_badValueType_namesPathAndLine() {
        PurserException e = failure("mcp:\n  port: eighty\n");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo("purser.yaml:2: bad value for 'mcp.port': expected a whole number");
    }

    @Test
    void parse_badEnum_listsTheChoices() {
        PurserException e = failure("approval_policies:\n  - tier: prod\n    scope: per_week\n");
        assertThat(e.getMessage()).startsWith("purser.yaml:3: bad value for 'approval_policies[0].scope'")
                .contains("per_phase, per_plan");
    }

    @Test
    void parse_valueRefusedByItsRecord_namesKeyAndLine() {
        PurserException e = failure("""
                aws:
                  account_id: "111122223333"
                  region: mars-1
                """);
        assertThat(e.getMessage()).startsWith("purser.yaml:3: 'aws.region': ").contains("mars-1");
    }

    @Test
    void parse_badTimeZoneAndDuration_areRefused() {
        assertThat(failure("timezone: Mars/Olympus\n").getMessage())
                .startsWith("purser.yaml:1: bad value for 'timezone': expected a time zone");
        assertThat(failure("approval_policies:\n  - {tier: prod, validity: forever}\n").getMessage())
                .startsWith("purser.yaml:2: bad value for 'approval_policies[0].validity': expected a duration");
    }

    @Test
    void parse_badCronAndRole_nameTheirKeys() {
        assertThat(failure("schedules:\n  nightly:\n    cron: \"0 0 6 * *\"\n").getMessage())
                .startsWith("purser.yaml:3: 'schedules.nightly.cron': ");
        assertThat(failure("mcp:\n  stdio_roles: [viewer, root]\n").getMessage())
                .startsWith("purser.yaml:2: 'mcp.stdio_roles': unknown role 'root'");
    }

    @Test
    void parse_discordRoleGrants_rolesPerGuildRole() {
        PurserConfig c = parse("""
                discord:
                  role_grants:
                    "345678901234567890": [requester, Approver]
                """);
        assertThat(c.discord().roleGrants()).containsExactly(
                Map.entry("345678901234567890", Set.of("requester", "approver")));
        assertThat(PurserConfig.defaults().discord().roleGrants()).isEmpty();
    }

    @Test
    void parse_discordRoleGrantNotAnId_namesKey() {
        assertThat(failure("discord:\n  role_grants:\n    admins: [admin]\n").getMessage())
                .contains("'discord.role_grants'").contains("'admins' is not a Discord role id");
        assertThat(failure("discord:\n  role_grants:\n    \"345678901234567890\": [root]\n").getMessage())
                .contains("unknown role 'root'");
    }

    @Test
    void parse_tokenUrlInPlainHttpOffLocalhost_isRefusedSoTheTokenNeverTravelsInClear() {
        assertThat(failure("digitalocean:\n  base_url: http://do-proxy.internal\n").getMessage())
                .startsWith("purser.yaml:2: 'digitalocean.base_url': must be https");
        assertThat(failure("slack:\n  api_base_url: http://slack-proxy.internal/api/\n").getMessage())
                .startsWith("purser.yaml:2: 'slack.api_base_url': must be https");
        assertThat(parse("digitalocean:\n  base_url: http://127.0.0.1:8089\n").digitalocean().baseUrl()).hasPort(8089);
        assertThat(parse("digitalocean:\n  base_url: https://do-proxy.internal\n").digitalocean().baseUrl())
                .hasHost("do-proxy.internal");
    }

    @Test
    void parse_unknownRule_isRefusedByTheRulesParser() {
        PurserException e = failure("rules:\n  rightsizing:\n    cpu_p95_targt: 0.5\n");
        assertThat(e.getMessage()).startsWith("purser.yaml:3: 'rules.rightsizing.cpu_p95_targt': ");
    }

    @Test
    void parse_duplicateKey_isRefused() {
        PurserException e = failure("timezone: UTC\ntimezone: Europe/Berlin\n");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).startsWith("purser.yaml:2: ").contains("timezone");
    }

    @Test
    void parse_secretUnderASecretKey_isRefusedWithoutEchoingIt() {
        PurserException e = failure("digitalocean:\n  token: hunter2-is-my-password\n");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).startsWith("purser.yaml:2: 'digitalocean.token' holds a secret")
                .contains("digitalocean.token_env").doesNotContain("hunter2");
    }

    @Test
    void parse_tokenShapedValue_isRefusedWithoutEchoingIt() {
        String slack = "xoxb-" + "123456789012-abcdefghijkl";
        PurserException e = failure("slack:\n  bot_token_env: " + slack + "\n");
        assertThat(e.getMessage()).startsWith("purser.yaml:2: the value of 'slack.bot_token_env' looks like a Slack token")
                .doesNotContain(slack).doesNotContain("abcdefghijkl");

        String digitalOcean = "dop_v1_" + "0123456789abcdef0123456789abcdef";
        assertThat(failure("identities:\n  - principal: " + digitalOcean + "\n").getMessage())
                .contains("looks like a DigitalOcean token").doesNotContain("0123456789abcdef");

        String aws = "AKIA" + "IOSFODNN7EXAMPLE";
        assertThat(failure("aws:\n  account_id: " + aws + "\n").getMessage())
                .startsWith("purser.yaml:2: the value of 'aws.account_id' looks like an AWS access key")
                .doesNotContain(aws);
    }

    @Test
    void parse_passwordInAUrl_isRefused() {
        PurserException e = failure("database:\n  url: jdbc:postgresql://purser:s3cret@db:5432/purser\n");
        assertThat(e.getMessage()).startsWith("purser.yaml:2: ").contains("password").doesNotContain("s3cret");
    }

    @Test
    void parse_secretWhereAVariableNameBelongs_isRefusedWithoutEchoingIt() {
        PurserException e = failure("prometheus:\n  token_env: \"abc def/ghi+jkl==\"\n");
        assertThat(e.getMessage()).startsWith("purser.yaml:2: 'prometheus.token_env': must name an environment variable")
                .doesNotContain("ghi+jkl");
    }

    @Test
    void parse_notAMap_isRefused() {
        assertThat(failure("- database\n").getMessage()).startsWith("purser.yaml:1: the configuration must be a map");
    }

    @Test
    void parse_invalidYaml_namesTheLine() {
        PurserException e = failure("database:\n  url: [unclosed\n");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).startsWith("purser.yaml:").contains("not valid YAML");
    }

    @Test
    void load_deployExample_coversEverySection() {
        PurserConfig c = ConfigLoader.load(Path.of("../deploy/purser.yaml"));
        assertThat(c.database().embedded()).isFalse();
        assertThat(c.imports().directories()).isNotEmpty();
        assertThat(c.rules().rightsizing()).isNotEmpty();
        assertThat(c.budgets().resolve()).hasSize(2);
        assertThat(c.aws().accountId()).isEqualTo("111122223333");
        assertThat(c.prometheus().configured()).isTrue();
        assertThat(c.databaseTargets().targets()).containsKey("orders");
        assertThat(c.mcp().tokens()).hasSize(2);
        assertThat(c.discord().devGuildId()).isNotNull();
        assertThat(c.identities()).hasSize(2);
        assertThat(c.approvalPolicies()).hasSize(2);
        assertThat(c.alertRoutes()).hasSize(4);
        assertThat(c.schedules()).containsKeys("daily-import", "budget-check", "monthly-report");
        assertThat(c.rules().resolve().rightsizing().cpuP95Target()).isEqualTo(0.60);
        assertThat(c.execution().live()).isFalse();
        assertThat(c.execution().prometheus().queries()).containsKeys("query_p95_ms", "cpu_percent", "memory_percent",
                "connection_errors");
    }

    @Test
    void load_missingFile_namesIt() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> ConfigLoader.load(Path.of("does-not-exist/purser.yaml")));
        assertThat(e.getMessage()).contains("does-not-exist/purser.yaml").contains("PURSER_CONFIG");
    }
}
