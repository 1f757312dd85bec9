package dev.purser.core.cloud.aws;

import dev.purser.core.analysis.advice.AdviceStore;
import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.cloud.Lazy;
import dev.purser.core.config.AwsConfig;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryPull;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Cost Explorer's own advice for an AWS account, stored to show beside Purser's: EC2
 * right-sizing ({@link CostExplorerSource#rightsizing()}), Reserved Instance purchases for EC2 and
 * RDS, and Compute Savings Plan purchases at the configured term and payment option.
 *
 * <p>All or nothing: every Cost Explorer call is made first, and only when all have answered is
 * the account's stored advice replaced, in one transaction ({@link AdviceStore#replace}).
 * A refusal, throttling that outlasts the retries, a 5xx or an unreadable page leaves the advice
 * stored before in place.
 *
 * <p>Its kind is {@value #KIND}: it adds to the AWS inventory pull, which the composition root
 * runs first with the same request. Stored rows have source {@value #SOURCE}.
 *
 * <p>Cost: AWS bills each Cost Explorer request (USD 0.01 at the time of writing); one pull makes
 * at least four, and the result notes how many.
 */
public final class CostExplorerAdvicePull implements InventoryPull {

    /** The inventory kind this pull belongs to. */
    public static final String KIND = "aws-inventory";
    /** The source stored with the advice. */
    public static final String SOURCE = "aws-ce";
    /** Cost Explorer's service names for Reserved Instance advice. */
    public static final String EC2_SERVICE = "Amazon Elastic Compute Cloud - Compute";
    public static final String RDS_SERVICE = "Amazon Relational Database Service";
    /** The Savings Plan type asked about: Compute SPs cover EC2, Fargate and Lambda alike. */
    public static final String SAVINGS_PLANS_TYPE = "COMPUTE_SP";

    private final Supplier<CostExplorerSource> source;
    private final AdviceStore store;
    private final Clock clock;
    private final Options options;
    private final String defaultAccount;

    /**
     * The commitment asked about.
     *
     * @param term          {@code ONE_YEAR} or {@code THREE_YEARS}
     * @param paymentOption {@code NO_UPFRONT}, {@code PARTIAL_UPFRONT} or {@code ALL_UPFRONT}
     */
    public record Options(String term, String paymentOption) {
        private static final Set<String> TERMS = Set.of("ONE_YEAR", "THREE_YEARS");
        private static final Set<String> PAYMENTS = Set.of("NO_UPFRONT", "PARTIAL_UPFRONT", "ALL_UPFRONT");

        public Options {
            Objects.requireNonNull(term, "term");
            Objects.requireNonNull(paymentOption, "paymentOption");
            if (!TERMS.contains(term)) {
                throw PurserException.badArgument("Savings Plan term must be ONE_YEAR or THREE_YEARS: " + term);
            }
            if (!PAYMENTS.contains(paymentOption)) {
                throw PurserException.badArgument("Savings Plan payment option must be NO_UPFRONT, PARTIAL_UPFRONT"
                        + " or ALL_UPFRONT: " + paymentOption);
            }
        }

        /** One year, no upfront: the commitment a team can take without a capital decision. */
        public static Options defaults() {
            return new Options("ONE_YEAR", "NO_UPFRONT");
        }
    }

    /**
     * @param defaultAccount the account advice is filed under when a request names none; may be null
     */
    public CostExplorerAdvicePull(CostExplorerSource source, AdviceStore store, Clock clock, Options options,
                                  String defaultAccount) {
        this(supplierOf(Objects.requireNonNull(source, "source")), store, clock, options, defaultAccount);
    }

    private CostExplorerAdvicePull(Supplier<CostExplorerSource> source, AdviceStore store, Clock clock,
                                   Options options, String defaultAccount) {
        this.source = source;
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.defaultAccount = defaultAccount == null || defaultAccount.isBlank() ? null : defaultAccount.trim();
    }

    /**
     * A pull with the given credentials ({@code aws.endpoints.cost_explorer} when set), filing the
     * advice under {@code aws.account_id} when the request names no account. The SDK client is
     * built at the first pull, so a deployment without AWS pays nothing for it.
     */
    public static CostExplorerAdvicePull create(AwsConfig config, AwsSettings settings,
            AwsCredentialsProvider credentials, Options options, AdviceStore store, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        AwsSettings costExplorer = settings.forService(config, "cost_explorer");
        return new CostExplorerAdvicePull(Lazy.once(() -> new CostExplorerSource(
                AwsClients.costExplorer(costExplorer, credentials))), store, clock, options, config.accountId());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * @throws PurserException BAD_ARGUMENT without an account; EXTERNAL_API_ERROR when Cost
     *         Explorer fails (the stored advice is unchanged); DATABASE_ERROR when the store fails
     */
    @Override
    public Result pull(Request request) {
        Objects.requireNonNull(request, "request");
        String account = request.account() != null ? request.account() : defaultAccount;
        if (account == null) {
            throw PurserException.badArgument("Cost Explorer advice needs the account to file it under: give"
                    + " --account NAME or set " + CostExplorerImport.ACCOUNT_ENV);
        }
        CostExplorerSource ce = source.get();
        long before = ce.requests();
        List<RightsizingAdvice> rightsizing = ce.rightsizing();
        List<ReservationAdvice> reservations = new ArrayList<>(
                ce.reservationPurchases(EC2_SERVICE, options.term(), options.paymentOption()));
        reservations.addAll(ce.reservationPurchases(RDS_SERVICE, options.term(), options.paymentOption()));
        List<SavingsPlanAdvice> plans = ce.savingsPlansPurchases(SAVINGS_PLANS_TYPE, options.term(),
                options.paymentOption());
        long requests = ce.requests() - before;
        int stored = store.replace(account, SOURCE, clock.instant(), rightsizing, reservations, plans);
        List<String> notes = new ArrayList<>();
        notes.add("Cost Explorer advice: " + rightsizing.size() + " right-sizing, " + reservations.size()
                + " Reserved Instance and " + plans.size() + " Savings Plan (" + SAVINGS_PLANS_TYPE + ", "
                + options.term() + ", " + options.paymentOption() + ") recommendation(s), in " + requests
                + (requests == 1 ? " request" : " requests") + "; AWS bills each one");
        return new Result(account, Map.of(), 0, 0, List.of(), stored, notes);
    }

    private static Supplier<CostExplorerSource> supplierOf(CostExplorerSource source) {
        return () -> source;
    }
}
