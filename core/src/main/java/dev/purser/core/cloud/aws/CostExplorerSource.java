package dev.purser.core.cloud.aws;

import dev.purser.core.analysis.advice.ReservationAdvice;
import dev.purser.core.analysis.advice.RightsizingAdvice;
import dev.purser.core.analysis.advice.SavingsPlanAdvice;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.Anomaly;
import software.amazon.awssdk.services.costexplorer.model.AnomalyDateInterval;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.EC2ResourceDetails;
import software.amazon.awssdk.services.costexplorer.model.GetAnomaliesResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetReservationPurchaseRecommendationResponse;
import software.amazon.awssdk.services.costexplorer.model.GetRightsizingRecommendationResponse;
import software.amazon.awssdk.services.costexplorer.model.GetSavingsPlansPurchaseRecommendationResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.InstanceDetails;
import software.amazon.awssdk.services.costexplorer.model.LookbackPeriodInDays;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.RecommendationTarget;
import software.amazon.awssdk.services.costexplorer.model.ReservationPurchaseRecommendation;
import software.amazon.awssdk.services.costexplorer.model.ReservationPurchaseRecommendationDetail;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.RightsizingRecommendation;
import software.amazon.awssdk.services.costexplorer.model.RightsizingType;
import software.amazon.awssdk.services.costexplorer.model.RootCause;
import software.amazon.awssdk.services.costexplorer.model.SavingsPlansPurchaseRecommendation;
import software.amazon.awssdk.services.costexplorer.model.SavingsPlansPurchaseRecommendationDetail;
import software.amazon.awssdk.services.costexplorer.model.TagValues;
import software.amazon.awssdk.services.costexplorer.model.TargetInstance;

/**
 * AWS Cost Explorer as a cost source: daily cost by service (and by one tag), anomalies,
 * right-sizing and Reserved Instance / Savings Plan purchase advice.
 *
 * <p>Daily costs: {@code GetCostAndUsage} at DAILY granularity, grouped by SERVICE and, when a
 * tag key is given, by that tag, with the metrics UnblendedCost (→ BilledCost) and AmortizedCost
 * (→ EffectiveCost), following {@code NextPageToken} to the end. Each day × group becomes one
 * {@link CostLineItem} whose charge period is that UTC day and whose billing period is the
 * calendar month around it. Cost Explorer nets credits and refunds into each service's amount
 * (it cannot group by record type at the same time), so rows are ChargeCategory Usage except the
 * {@code Tax} service, which is Tax; import the CUR for credits as separate rows. Days AWS marks
 * as estimated carry {@code x_Estimated=true} in {@code extras}.
 *
 * <p>Money: every amount AWS sends as a decimal string is read exactly. Anomaly impacts are JSON
 * numbers in the API; they are read as the shortest decimal that round-trips the double, which
 * is the digits AWS wrote.
 *
 * <p>Limits: Cost Explorer sends no rate-limit or remaining-quota headers, and each request is
 * billed (USD 0.01 per paginated request at the time of writing). {@link #requests()} counts the
 * requests this source made so callers can report the cost; {@link #remainingCalls()} is always
 * empty because AWS gives no signal to fill it. Throttling is retried by the client's standard
 * retry mode ({@link AwsClients}); what is left after the retries becomes a
 * {@link PurserException} with {@code EXTERNAL_API_ERROR} that says what to do.
 *
 * <p>Thread-safe if the client is (the SDK's clients are).
 */
public final class CostExplorerSource {

    /** The source name stored with rows that came from here. */
    public static final String SOURCE = "aws-ce";

    private static final String PROVIDER = "AWS";
    private static final String UNBLENDED = "UnblendedCost";
    private static final String AMORTIZED = "AmortizedCost";
    private static final Currency USD = Currency.getInstance("USD");
    private static final int MAX_PAGES = 10_000;

    private final CostExplorerClient client;
    private final int attempts;
    private final AtomicLong requests = new AtomicLong();

    public CostExplorerSource(CostExplorerClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.attempts = client.serviceClientConfiguration().overrideConfiguration().retryStrategy()
                .map(RetryStrategy::maxAttempts).orElse(3);
    }

    /**
     * Daily cost per service (and per value of {@code tagKey}) over {@code period}'s days, UTC.
     *
     * @param billingAccountId the payer account the rows belong to; Cost Explorer does not say
     * @param tagKey           a cost-allocation tag to group by as well, or null for services only
     * @throws PurserException EXTERNAL_API_ERROR when AWS fails, refuses or answers unreadably
     */
    public List<CostLineItem> dailyCosts(String billingAccountId, Period period, String tagKey) {
        Objects.requireNonNull(billingAccountId, "billingAccountId");
        Objects.requireNonNull(period, "period");
        List<GroupDefinition> groupBy = new ArrayList<>();
        groupBy.add(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("SERVICE").build());
        if (tagKey != null && !tagKey.isBlank()) {
            groupBy.add(GroupDefinition.builder().type(GroupDefinitionType.TAG).key(tagKey).build());
        }
        String action = "ce:GetCostAndUsage";
        List<CostLineItem> rows = new ArrayList<>();
        paginate(action, token -> client.getCostAndUsage(b -> b
                .timePeriod(DateInterval.builder().start(period.start().toString())
                        .end(period.endExclusive().toString()).build())
                .granularity(Granularity.DAILY)
                .metrics(UNBLENDED, AMORTIZED)
                .groupBy(groupBy)
                .nextPageToken(token)), (GetCostAndUsageResponse page) -> {
                    for (ResultByTime result : page.resultsByTime()) {
                        addDay(billingAccountId, tagKey, result, rows);
                    }
                    return page.nextPageToken();
                });
        return rows;
    }

    /**
     * Anomalies detected between {@code start} and {@code endInclusive} (null: up to today).
     *
     * @param monitorArn one monitor's anomalies only, or null for all
     */
    public List<CostAnomaly> anomalies(LocalDate start, LocalDate endInclusive, String monitorArn) {
        Objects.requireNonNull(start, "start");
        String action = "ce:GetAnomalies";
        List<CostAnomaly> anomalies = new ArrayList<>();
        paginate(action, token -> client.getAnomalies(b -> b
                .dateInterval(AnomalyDateInterval.builder().startDate(start.toString())
                        .endDate(endInclusive == null ? null : endInclusive.toString()).build())
                .monitorArn(monitorArn)
                .nextPageToken(token)), (GetAnomaliesResponse page) -> {
                    for (Anomaly a : page.anomalies()) {
                        anomalies.add(anomaly(a));
                    }
                    return page.nextPageToken();
                });
        return anomalies;
    }

    /** EC2 right-sizing recommendations within the same instance family, counting RI/SP benefits. */
    public List<RightsizingAdvice> rightsizing() {
        String action = "ce:GetRightsizingRecommendation";
        List<RightsizingAdvice> advice = new ArrayList<>();
        paginate(action, token -> client.getRightsizingRecommendation(b -> b
                .service("AmazonEC2")
                .configuration(c -> c.recommendationTarget(RecommendationTarget.SAME_INSTANCE_FAMILY)
                        .benefitsConsidered(true))
                .nextPageToken(token)), (GetRightsizingRecommendationResponse page) -> {
                    for (RightsizingRecommendation r : page.rightsizingRecommendations()) {
                        advice.add(rightsizing(r));
                    }
                    return page.nextPageToken();
                });
        return advice;
    }

    /**
     * Reserved Instance purchases AWS recommends from the last 30 days of usage.
     *
     * @param service       Cost Explorer's name, e.g. {@code Amazon Elastic Compute Cloud - Compute},
     *                      {@code Amazon Relational Database Service}
     * @param term          {@code ONE_YEAR} or {@code THREE_YEARS}
     * @param paymentOption {@code NO_UPFRONT}, {@code PARTIAL_UPFRONT} or {@code ALL_UPFRONT}
     */
    public List<ReservationAdvice> reservationPurchases(String service, String term, String paymentOption) {
        Objects.requireNonNull(service, "service");
        String action = "ce:GetReservationPurchaseRecommendation";
        List<ReservationAdvice> advice = new ArrayList<>();
        paginate(action, token -> client.getReservationPurchaseRecommendation(b -> b
                .service(service)
                .termInYears(term)
                .paymentOption(paymentOption)
                .lookbackPeriodInDays(LookbackPeriodInDays.THIRTY_DAYS)
                .nextPageToken(token)), (GetReservationPurchaseRecommendationResponse page) -> {
                    for (ReservationPurchaseRecommendation r : page.recommendations()) {
                        for (ReservationPurchaseRecommendationDetail d : r.recommendationDetails()) {
                            advice.add(reservation(service, r, d));
                        }
                    }
                    return page.nextPageToken();
                });
        return advice;
    }

    /**
     * Savings Plan purchases AWS recommends from the last 30 days of usage.
     *
     * @param savingsPlansType {@code COMPUTE_SP}, {@code EC2_INSTANCE_SP}, ...
     */
    public List<SavingsPlanAdvice> savingsPlansPurchases(String savingsPlansType, String term, String paymentOption) {
        Objects.requireNonNull(savingsPlansType, "savingsPlansType");
        String action = "ce:GetSavingsPlansPurchaseRecommendation";
        List<SavingsPlanAdvice> advice = new ArrayList<>();
        paginate(action, token -> client.getSavingsPlansPurchaseRecommendation(b -> b
                .savingsPlansType(savingsPlansType)
                .termInYears(term)
                .paymentOption(paymentOption)
                .lookbackPeriodInDays(LookbackPeriodInDays.THIRTY_DAYS)
                .nextPageToken(token)), (GetSavingsPlansPurchaseRecommendationResponse page) -> {
                    SavingsPlansPurchaseRecommendation r = page.savingsPlansPurchaseRecommendation();
                    if (r != null) {
                        for (SavingsPlansPurchaseRecommendationDetail d : r.savingsPlansPurchaseRecommendationDetails()) {
                            advice.add(savingsPlan(r, d));
                        }
                    }
                    return page.nextPageToken();
                });
        return advice;
    }

    /** Requests sent so far by this source (pages, not counting the SDK's retries); each is billed by AWS. */
    public long requests() {
        return requests.get();
    }

    /** Always empty: Cost Explorer publishes no remaining-quota signal (no rate-limit headers). */
    public OptionalLong remainingCalls() {
        return OptionalLong.empty();
    }

    // ---------------------------------------------------------------------------------------

    /** Calls {@code call} with each page token until {@code page} returns no next token. */
    private <R> void paginate(String action, Function<String, R> call, Function<R, String> page) {
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            R response;
            try {
                requests.incrementAndGet();
                response = call.apply(token);
            } catch (SdkException e) {
                throw AwsErrors.translate(action, attempts, e);
            }
            try {
                token = page.apply(response);
            } catch (NullPointerException | IllegalArgumentException | DateTimeParseException e) {
                // a required field missing, a number or date that does not parse, an unknown currency
                throw AwsErrors.malformed(action, e);
            }
            if (token == null || token.isEmpty()) {
                return;
            }
            if (!seen.add(token)) {
                throw AwsErrors.malformed(action, new IllegalStateException("AWS repeated the page token"));
            }
        }
        throw AwsErrors.malformed(action, new IllegalStateException("more than " + MAX_PAGES + " pages"));
    }

    private static void addDay(String billingAccountId, String tagKey, ResultByTime result,
                               List<CostLineItem> rows) {
        LocalDate day = date(result.timePeriod().start());
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate month = day.withDayOfMonth(1);
        Instant billingStart = month.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant billingEnd = month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, String> extras = Boolean.TRUE.equals(result.estimated()) ? Map.of("x_Estimated", "true") : Map.of();
        for (Group group : result.groups()) {
            List<String> keys = group.keys();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a group without keys on " + day);
            }
            String service = keys.get(0);
            Map<String, String> tags = Map.of();
            if (tagKey != null && keys.size() > 1) {
                String tag = keys.get(1);
                int dollar = tag.indexOf('$');
                String value = dollar >= 0 ? tag.substring(dollar + 1) : tag;
                if (!value.isEmpty()) {
                    tags = Map.of(tagKey, value);
                }
            }
            MetricValue unblended = metric(group, UNBLENDED, day);
            MetricValue amortized = metric(group, AMORTIZED, day);
            Currency currency = currency(unblended.unit());
            rows.add(new CostLineItem(
                    billingAccountId, null, billingStart, billingEnd, start, end,
                    "Tax".equals(service) ? ChargeCategory.TAX : ChargeCategory.USAGE,
                    null, null,
                    new BigDecimal(unblended.amount()),
                    new BigDecimal(amortized.amount()),
                    null, null, currency, PROVIDER, PROVIDER, PROVIDER,
                    service, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, tags, extras));
        }
    }

    private static MetricValue metric(Group group, String name, LocalDate day) {
        MetricValue v = group.metrics().get(name);
        if (v == null || v.amount() == null) {
            throw new IllegalArgumentException("no " + name + " for " + group.keys() + " on " + day);
        }
        return v;
    }

    private static CostAnomaly anomaly(Anomaly a) {
        List<CostAnomaly.RootCause> causes = new ArrayList<>();
        for (RootCause c : a.rootCauses()) {
            causes.add(new CostAnomaly.RootCause(c.service(), c.region(), c.linkedAccount(), c.usageType(),
                    c.impact() == null ? null : exact(c.impact().contribution())));
        }
        Objects.requireNonNull(a.impact(), "Impact");
        return new CostAnomaly(
                a.anomalyId(),
                a.monitorArn(),
                a.anomalyStartDate() == null ? null : date(a.anomalyStartDate()),
                a.anomalyEndDate() == null ? null : date(a.anomalyEndDate()),
                a.dimensionValue(),
                usd(a.impact().totalImpact() == null ? a.impact().maxImpact() : a.impact().totalImpact()),
                usd(a.impact().maxImpact()),
                usdOrNull(a.impact().totalActualSpend()),
                usdOrNull(a.impact().totalExpectedSpend()),
                exact(a.impact().totalImpactPercentage()),
                a.anomalyScore() == null ? null : exact(a.anomalyScore().maxScore()),
                a.anomalyScore() == null ? null : exact(a.anomalyScore().currentScore()),
                causes,
                a.feedbackAsString());
    }

    private static RightsizingAdvice rightsizing(RightsizingRecommendation r) {
        var current = Objects.requireNonNull(r.currentInstance(), "CurrentInstance");
        EC2ResourceDetails details = current.resourceDetails() == null ? null
                : current.resourceDetails().ec2ResourceDetails();
        Map<String, String> tags = new LinkedHashMap<>();
        for (TagValues t : current.tags()) {
            if (t.key() != null) {
                tags.put(t.key(), String.join(",", t.values()));
            }
        }
        if (r.rightsizingType() == null || r.rightsizingType() == RightsizingType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("RightsizingType " + r.rightsizingTypeAsString());
        }
        RightsizingAdvice.Action kind = r.rightsizingType() == RightsizingType.TERMINATE
                ? RightsizingAdvice.Action.TERMINATE : RightsizingAdvice.Action.MODIFY;
        String target = null;
        Money savings;
        if (kind == RightsizingAdvice.Action.TERMINATE) {
            var t = Objects.requireNonNull(r.terminateRecommendationDetail(), "TerminateRecommendationDetail");
            savings = money(t.estimatedMonthlySavings(), t.currencyCode());
        } else {
            var m = Objects.requireNonNull(r.modifyRecommendationDetail(), "ModifyRecommendationDetail");
            TargetInstance chosen = null;
            for (TargetInstance t : m.targetInstances()) {
                if (chosen == null || Boolean.TRUE.equals(t.defaultTargetInstance())) {
                    chosen = t;
                }
            }
            Objects.requireNonNull(chosen, "TargetInstances");
            target = chosen.resourceDetails() == null || chosen.resourceDetails().ec2ResourceDetails() == null
                    ? null : chosen.resourceDetails().ec2ResourceDetails().instanceType();
            savings = money(chosen.estimatedMonthlySavings(), chosen.currencyCode());
        }
        var utilization = current.resourceUtilization() == null ? null
                : current.resourceUtilization().ec2ResourceUtilization();
        return new RightsizingAdvice(
                r.accountId(),
                current.resourceId(),
                current.instanceName(),
                details == null ? null : details.region(),
                details == null ? null : details.instanceType(),
                kind,
                target,
                current.monthlyCost() == null ? null : money(current.monthlyCost(), current.currencyCode()),
                savings,
                utilization == null ? null : decimalOrNull(utilization.maxCpuUtilizationPercentage()),
                tags,
                r.findingReasonCodesAsStrings());
    }

    private static ReservationAdvice reservation(String service, ReservationPurchaseRecommendation r,
                                                 ReservationPurchaseRecommendationDetail d) {
        String instanceType = null;
        String region = null;
        InstanceDetails i = d.instanceDetails();
        if (i != null) {
            if (i.ec2InstanceDetails() != null) {
                instanceType = i.ec2InstanceDetails().instanceType();
                region = i.ec2InstanceDetails().region();
            } else if (i.rdsInstanceDetails() != null) {
                instanceType = i.rdsInstanceDetails().instanceType();
                region = i.rdsInstanceDetails().region();
            } else if (i.elastiCacheInstanceDetails() != null) {
                instanceType = i.elastiCacheInstanceDetails().nodeType();
                region = i.elastiCacheInstanceDetails().region();
            } else if (i.redshiftInstanceDetails() != null) {
                instanceType = i.redshiftInstanceDetails().nodeType();
                region = i.redshiftInstanceDetails().region();
            }
        }
        String currency = d.currencyCode();
        return new ReservationAdvice(
                service,
                d.accountId(),
                r.termInYearsAsString(),
                r.paymentOptionAsString(),
                instanceType,
                region,
                decimalOrNull(d.recommendedNumberOfInstancesToPurchase()),
                moneyOrNull(d.upfrontCost(), currency),
                moneyOrNull(d.recurringStandardMonthlyCost(), currency),
                moneyOrNull(d.estimatedMonthlyOnDemandCost(), currency),
                money(d.estimatedMonthlySavingsAmount(), currency),
                decimalOrNull(d.estimatedBreakEvenInMonths()),
                decimalOrNull(d.averageUtilization()));
    }

    private static SavingsPlanAdvice savingsPlan(SavingsPlansPurchaseRecommendation r,
                                                 SavingsPlansPurchaseRecommendationDetail d) {
        String currency = d.currencyCode();
        return new SavingsPlanAdvice(
                r.savingsPlansTypeAsString(),
                d.accountId(),
                r.termInYearsAsString(),
                r.paymentOptionAsString(),
                d.savingsPlansDetails() == null ? null : blankToNull(d.savingsPlansDetails().region()),
                d.savingsPlansDetails() == null ? null : blankToNull(d.savingsPlansDetails().instanceFamily()),
                money(d.hourlyCommitmentToPurchase(), currency),
                moneyOrNull(d.upfrontCost(), currency),
                money(d.estimatedMonthlySavingsAmount(), currency),
                decimalOrNull(d.estimatedSavingsPercentage()),
                decimalOrNull(d.estimatedAverageUtilization()));
    }

    // ---------------------------------------------------------------------------------------

    private static LocalDate date(String text) {
        Objects.requireNonNull(text, "date");
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }

    private static Currency currency(String unit) {
        if (unit == null || unit.isBlank()) {
            return USD;
        }
        return Currency.getInstance(unit.trim());
    }

    private static Money money(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        return new Money(new BigDecimal(amount.trim()), currency(currencyCode));
    }

    private static Money moneyOrNull(String amount, String currencyCode) {
        return amount == null || amount.isBlank() ? null : money(amount, currencyCode);
    }

    private static BigDecimal decimalOrNull(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static BigDecimal exact(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private static Money usd(Double value) {
        Objects.requireNonNull(value, "impact");
        return new Money(BigDecimal.valueOf(value), USD);
    }

    private static Money usdOrNull(Double value) {
        return value == null ? null : new Money(BigDecimal.valueOf(value), USD);
    }
}
