package dev.purser.core.cloud.aws;

import dev.purser.core.cloud.Lazy;
import dev.purser.core.config.AwsConfig;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.CostSink;
import dev.purser.core.ingest.DayRange;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Period;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code import aws-ce --from DAY --to DAY [--account ID]}: daily cost per service from AWS Cost
 * Explorer ({@link CostExplorerSource#dailyCosts}) over a window of days, landed in one
 * transaction.
 *
 * <p>Identity: (aws-ce, account, each charge day of the window). Landing replaces every row that
 * earlier {@code aws-ce} pulls wrote for that account on those days ({@link CostSink#beginDays}),
 * so overlapping windows (a daily job pulling the last 7 days, say) hold exactly what one pull
 * of their union would, and a day AWS later revises is replaced by its final figure. Days of the
 * window AWS has no costs for are cleared too, because the window is the identity.
 *
 * <p>Account: Cost Explorer's answer does not say whose costs they are, so the rows are filed
 * under the request's account, else {@value #ACCOUNT_ENV} from the environment; with neither the
 * pull is refused rather than filed under a made-up id that a later, correctly labelled pull
 * would not replace.
 *
 * <p>Cost: AWS bills every Cost Explorer request; the result notes how many were made.
 */
public final class CostExplorerImport implements CostPull {

    /** The pull kind, as typed after {@code import}, and the source stored with every row. */
    public static final String KIND = CostExplorerSource.SOURCE;
    /** The environment variable naming the account to file rows under when none is given. */
    public static final String ACCOUNT_ENV = "AWS_ACCOUNT_ID";

    private final Supplier<CostExplorerSource> source;
    private final CostSink costs;
    private final Clock clock;
    private final String defaultAccount;

    /**
     * @param defaultAccount the account rows are filed under when a request names none; may be null
     */
    public CostExplorerImport(CostExplorerSource source, CostSink costs, Clock clock, String defaultAccount) {
        this(supplierOf(Objects.requireNonNull(source, "source")), costs, clock, defaultAccount);
    }

    private CostExplorerImport(Supplier<CostExplorerSource> source, CostSink costs, Clock clock,
                               String defaultAccount) {
        this.source = source;
        this.costs = Objects.requireNonNull(costs, "costs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultAccount = defaultAccount == null || defaultAccount.isBlank() ? null : defaultAccount.trim();
    }

    /**
     * A pull against Cost Explorer ({@code aws.endpoints.cost_explorer} when set) with the given
     * credentials, filing rows under {@code aws.account_id} when the request names no account.
     * The SDK client is built at the first pull.
     */
    public static CostExplorerImport create(AwsConfig config, AwsSettings settings,
                                            AwsCredentialsProvider credentials, CostSink costs, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        AwsSettings costExplorer = settings.forService(config, "cost_explorer");
        return new CostExplorerImport(Lazy.once(() -> new CostExplorerSource(
                AwsClients.costExplorer(costExplorer, credentials))), costs, clock, config.accountId());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public PullResult pull(PullRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.from() == null || request.to() == null) {
            throw PurserException.badArgument("aws-ce needs the days to pull, for example --from 2026-10-01"
                    + " --to 2026-10-31 (AWS bills each Cost Explorer request, so there is no open-ended pull)");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (request.to().isAfter(today)) {
            throw PurserException.badArgument("--to " + request.to() + " is after today (" + today
                    + ", UTC); Cost Explorer has no costs for days that have not happened");
        }
        String account = request.account() != null ? request.account() : defaultAccount;
        if (account == null) {
            throw PurserException.badArgument("aws-ce needs the AWS account the costs belong to: give --account"
                    + " 111122223333 or set " + ACCOUNT_ENV + "; Cost Explorer's answer does not say");
        }
        CostExplorerSource ce = source.get();
        long requestsBefore = ce.requests();
        List<CostLineItem> rows = ce.dailyCosts(account, Period.ofDays(request.from(), request.to(), ZoneOffset.UTC),
                null);
        long requests = ce.requests() - requestsBefore;

        String name = "AWS Cost Explorer: account " + account + " " + request.from() + ".." + request.to();
        try (CostBatch load = costs.beginDays(KIND, name, clock.instant(),
                new DayRange(Set.of(account), request.from(), request.to()))) {
            TreeSet<LocalDate> estimated = new TreeSet<>();
            for (CostLineItem row : rows) {
                load.add(row);
                if ("true".equals(row.extras().get("x_Estimated"))) {
                    estimated.add(LocalDate.ofInstant(row.chargePeriodStart(), ZoneOffset.UTC));
                }
            }
            CostBatch.Landed landed = load.commit(null, 0, List.of());
            Set<YearMonth> months = new LinkedHashSet<>();
            for (LocalDate period : landed.billingPeriods()) {
                months.add(YearMonth.from(period));
            }
            ImportResult result = new ImportResult(landed.importId(), KIND, name, null, landed.rows(),
                    landed.billedTotals(), landed.firstChargeDay(), landed.lastChargeDay(), Set.of(account), months,
                    landed.replacedRows(), List.of(), List.of());
            List<String> notes = new ArrayList<>();
            notes.add("Cost Explorer answered in " + requests + (requests == 1 ? " request" : " requests")
                    + "; AWS bills each one");
            if (!estimated.isEmpty()) {
                notes.add(estimated.size() + (estimated.size() == 1 ? " day is" : " days are")
                        + " still estimated by AWS (" + estimated.iterator().next() + (estimated.size() > 1 ? " .. "
                        + estimated.last() : "") + "); pull them again once AWS finalises them");
            }
            return new PullResult(KIND, List.of(result), List.of(), request.from(), request.to(), notes);
        }
    }

    private static Supplier<CostExplorerSource> supplierOf(CostExplorerSource source) {
        return () -> source;
    }
}
