package dev.purser.commands.budget;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentType;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetScope;
import dev.purser.core.analysis.budgets.BudgetStatus;
import dev.purser.core.analysis.budgets.BudgetStore;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code budget [status|set|remove] ...}: monthly budgets.
 *
 * <ul>
 * <li>{@code budget} or {@code budget status [--month 2026-11]} (viewer): each budget's actual
 *     month-to-date spend and month-end forecast against its amount, the share used, and the
 *     thresholds reached by each.</li>
 * <li>{@code budget set <name> <amount> [--currency USD] [--scope total|service:<name>|tag:<key>=<value>]
 *     [--account A] [--thresholds 50,75,90,100]} (admin): creates or replaces a budget.</li>
 * <li>{@code budget remove <name>} (admin).</li>
 * </ul>
 *
 * <p>One command with a sub-action keeps budgets in one place on every face; the command needs
 * the viewer role to run at all, and the handler requires admin for the two actions that write,
 * so its effect is declared as {@link Effect#REPLACES}.
 */
public final class BudgetCommand {

    public static final String NAME = "budget";
    static final String STATUS = "status";
    static final String SET = "set";
    static final String REMOVE = "remove";

    private final BudgetStore store;
    private final BudgetChecker checker;
    private final Clock clock;
    private final ArgumentSpec<String> action;
    private final ArgumentSpec<String> name;
    private final ArgumentSpec<BigDecimal> amount;
    private final ArgumentSpec<Currency> currency;
    private final ArgumentSpec<BudgetScope> scope;
    private final ArgumentSpec<String> account;
    private final ArgumentSpec<List<Integer>> thresholds;
    private final ArgumentSpec<YearMonth> month;
    private final CommandSpec spec;

    private BudgetCommand(BudgetStore store, BudgetChecker checker, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.action = ArgumentSpec.builder("action", ArgumentTypes.choice(STATUS, SET, REMOVE))
                .description("status (default) shows every budget; set and remove change them (admin)")
                .defaultValue(STATUS).positional().build();
        this.name = ArgumentSpec.builder("name", ArgumentTypes.text())
                .description("The budget's name, for set and remove: lower-case, such as livyflow-total")
                .positional().build();
        this.amount = ArgumentSpec.builder("amount", ArgumentTypes.decimal())
                .description("The monthly amount, for set, such as 4000").positional().build();
        this.currency = ArgumentSpec.builder("currency", currencyType())
                .description("The amount's currency, for set (ISO 4217 code)").defaultValue("USD").build();
        this.scope = ArgumentSpec.builder("scope", scopeType())
                .description("What spend counts, for set: total, service:<name> or tag:<key>=<value>")
                .defaultValue("total").build();
        this.account = ArgumentSpec.builder("account", ArgumentTypes.text())
                .description("Limit the budget to one billing account (id or name), for set").build();
        this.thresholds = ArgumentSpec.builder("thresholds", thresholdsType())
                .description("Percentages of the amount to report when reached, for set")
                .defaultValue("50,75,90,100").build();
        this.month = ArgumentSpec.builder("month", monthType(clock))
                .description("The month to show, for status: 2026-11, this-month or last-month")
                .defaultValue("this-month").build();
        this.spec = new CommandSpec(NAME, "Budgets",
                "Monthly budgets: spend so far and forecast against each, thresholds reached",
                "Shows each monthly budget (total, per service or per tag value, optionally for one account) with "
                        + "actual spend this month so far, the month-end forecast and its 80 % interval, the share of "
                        + "the budget used, and which threshold percentages the actual spend and the forecast have "
                        + "reached. Admins can set a budget (budget set <name> <amount> --scope service:EC2 "
                        + "--thresholds 50,75,90,100) or remove one (budget remove <name>).",
                List.of(action, name, amount, currency, scope, account, thresholds, month),
                Role.VIEWER, Effect.REPLACES, this::handle);
    }

    /**
     * @param store   where budgets live ({@code new JdbcBudgets(dataSource)})
     * @param checker status and crossings ({@code new BudgetChecker(store, forecaster, clock)})
     * @param clock   for "this month" and the time a budget was set
     */
    public static CommandSpec create(BudgetStore store, BudgetChecker checker, Clock clock) {
        return new BudgetCommand(store, checker, clock).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String a = invocation.get(action);
        return switch (a) {
            case SET -> set(invocation, context);
            case REMOVE -> remove(invocation, context);
            case STATUS -> status(invocation);
            default -> throw new IllegalStateException("the action choice let through '" + a + "'");
        };
    }

    private Reply set(Invocation invocation, CommandContext context) {
        requireAdmin(context, SET);
        String n = require(invocation, name, "budget set needs a name: budget set <name> <amount>");
        BigDecimal value = require(invocation, amount, "budget set needs an amount: budget set " + n + " <amount>");
        Budget budget = new Budget(n, new Money(value, invocation.get(currency)), invocation.get(scope),
                invocation.get(account), invocation.get(thresholds));
        boolean created = store.save(budget, context.principal().id(), clock.instant());
        Reply.Builder reply = Reply.builder(NAME, "Budget " + budget.name() + (created ? " created" : " updated"));
        reply.summary((created ? "Created" : "Updated") + " budget " + budget.name() + ": " + Formats.money(budget.amount())
                + " a month for " + describe(budget) + ", thresholds " + percents(budget.thresholds()) + ".");
        reply.figure("amount", "Monthly amount", Value.money(budget.amount()))
                .figure("scope", "Scope", Value.text(budget.scope().text()))
                .figure("account", "Account", budget.account() == null ? Value.empty(ValueType.TEXT) : Value.text(budget.account()))
                .figure("thresholds", "Thresholds", percentList(budget.thresholds()));
        if (!created) {
            reply.note("A changed budget reports its thresholds afresh.");
        }
        reply.followUp(FollowUp.to("Budget status", NAME).positional(STATUS));
        return reply.build();
    }

    private Reply remove(Invocation invocation, CommandContext context) {
        requireAdmin(context, REMOVE);
        String n = require(invocation, name, "budget remove needs a name: budget remove <name>");
        if (!store.remove(n)) {
            throw new PurserException(ErrorCode.NOT_FOUND, "there is no budget named '" + n + "'"
                    + known());
        }
        return Reply.builder(NAME, "Budget " + n + " removed").summary("Removed budget " + n + ".")
                .followUp(FollowUp.to("Budget status", NAME).positional(STATUS)).build();
    }

    private Reply status(Invocation invocation) {
        YearMonth m = invocation.get(month);
        List<BudgetStatus> statuses = checker.status(m);
        Reply.Builder reply = Reply.builder(NAME, "Budgets for " + m);
        if (statuses.isEmpty()) {
            return reply.summary("No budgets are set. An admin can add one: budget set <name> <amount>.")
                    .followUp(FollowUp.to("Set a budget", NAME).positional("set").positional("team-total").positional("1000")).build();
        }
        List<List<Value>> rows = new ArrayList<>();
        List<String> over = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        LocalDate asOf = null;
        for (BudgetStatus s : statuses) {
            Budget b = s.budget();
            // each budget counts through its own bill's last complete day; the summary gives the earliest
            asOf = asOf == null || s.forecast().asOf().isBefore(asOf) ? s.forecast().asOf() : asOf;
            rows.add(List.of(Value.text(b.name()), Value.text(describe(b)), Value.money(b.amount()),
                    Value.money(s.actual()), Value.percent(s.usedRatio()), Value.money(s.forecast().forecast()),
                    Value.money(s.forecast().lower()), Value.money(s.forecast().upper()),
                    Value.percent(s.forecastRatio()), percentList(s.crossedByActual()),
                    percentList(s.crossedByForecast())));
            if (s.forecast().forecast().compareTo(b.amount()) > 0) {
                over.add(b.name());
            }
            for (String g : s.forecast().gaps()) {
                notes.add(b.name() + ": " + g);
            }
        }
        Table table = new Table("budgets", "Budgets", List.of(
                new Column("name", "budget", ValueType.TEXT),
                new Column("scope", "scope", ValueType.TEXT),
                new Column("amount", "amount", ValueType.MONEY),
                new Column("actual", "actual", ValueType.MONEY),
                new Column("used", "used", ValueType.PERCENT),
                new Column("forecast", "forecast", ValueType.MONEY),
                new Column("forecast_low", "low", ValueType.MONEY),
                new Column("forecast_high", "high", ValueType.MONEY),
                new Column("forecast_used", "forecast used", ValueType.PERCENT),
                new Column("crossed_actual", "reached", ValueType.LIST),
                new Column("crossed_forecast", "forecast reaches", ValueType.LIST)), rows, List.of());
        String summary = statuses.size() + (statuses.size() == 1 ? " budget" : " budgets") + " for " + m
                + " as of " + asOf + "; " + (over.isEmpty() ? "none is forecast to go over."
                : String.join(", ", over) + (over.size() == 1 ? " is" : " are") + " forecast to go over.");
        reply.summary(summary).table(table)
                .figure("budgets", "Budgets", Value.number(statuses.size(), null))
                .figure("forecast_over", "Forecast to go over", Value.number(over.size(), null));
        if (asOf != null && !asOf.isBefore(m.atDay(1)) && asOf.isBefore(m.atEndOfMonth())) {
            // the month is still running: say where actual stops, in the words cost, movers and trend use
            reply.note(dev.purser.core.analysis.costs.CompleteDays.note(asOf));
        }
        for (BudgetStatus s : statuses) {
            if (!s.forecast().asOf().equals(asOf)) {
                reply.note(s.budget().name() + " counts through " + s.forecast().asOf() + ", its bill's last complete day.");
            }
        }
        reply.note("Forecast: " + statuses.get(0).forecast().method() + ".");
        reply.notes(List.copyOf(notes));
        reply.followUp(FollowUp.to("Last month", NAME).positional(STATUS).option("month", m.minusMonths(1).toString()))
                .followUp(FollowUp.to("Cost this month", "cost").positional(m.toString()).option("by", "service"));
        return reply.build();
    }

    private String known() {
        List<String> names = store.list().stream().map(Budget::name).toList();
        return names.isEmpty() ? "; no budgets are set" : "; budgets: " + String.join(", ", names);
    }

    private static void requireAdmin(CommandContext context, String what) {
        if (!context.principal().has(Role.ADMIN)) {
            throw new PurserException(ErrorCode.FORBIDDEN, "budget " + what + " needs the admin role, which "
                    + context.principal().displayName() + " does not have");
        }
    }

    private static <T> T require(Invocation invocation, ArgumentSpec<T> argument, String message) {
        T value = invocation.get(argument);
        if (value == null) {
            throw PurserException.badArgument(message);
        }
        return value;
    }

    private static String describe(Budget b) {
        String what = switch (b.scope().kind()) {
            case TOTAL -> "all spend";
            case SERVICE -> "service " + b.scope().key();
            case TAG -> "tag " + b.scope().key() + "=" + b.scope().value();
        };
        return b.account() == null ? what : what + " in account " + b.account();
    }

    /** Threshold percentages as numbers ({@code [50, 75]}), shown {@code 50 %, 75 %}, or {@code none}. */
    private static Value percentList(List<Integer> values) {
        return Value.list(values.stream().map(v -> Value.number(v, "%")).toList());
    }

    private static String percents(List<Integer> values) {
        return values.isEmpty() ? "none" : values.stream().map(v -> v + " %").collect(Collectors.joining(", "));
    }

    private static ArgumentType<Currency> currencyType() {
        return new Simple<>("currency code", List.of("USD", "EUR"), Budget::currency);
    }

    private static ArgumentType<BudgetScope> scopeType() {
        return new Simple<>("total|service:<name>|tag:<key>=<value>", List.of("total", "service:EC2", "tag:env=prod"),
                BudgetScope::parse);
    }

    private static ArgumentType<List<Integer>> thresholdsType() {
        return new Simple<>("percentages", List.of("50,75,90,100"), Budget::parseThresholds);
    }

    private static ArgumentType<YearMonth> monthType(Clock clock) {
        return new Simple<>("month", List.of("2026-11", "this-month", "last-month"), text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            YearMonth now = YearMonth.from(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            switch (t) {
                case "this-month":
                case "mtd":
                    return now;
                case "last-month":
                    return now.minusMonths(1);
                default:
                    try {
                        return YearMonth.parse(t);
                    } catch (DateTimeException e) {
                        throw PurserException.badArgument("'" + text + "' is not a month; expected for example 2026-11, "
                                + "this-month or last-month");
                    }
            }
        });
    }

    /** A string-typed argument parsed by a function. */
    private record Simple<T>(String expected, List<String> examples, java.util.function.Function<String, T> parser)
            implements ArgumentType<T> {
        @Override
        public T parse(String text) {
            return parser.apply(text);
        }

        @Override
        public JsonKind jsonKind() {
            return JsonKind.STRING;
        }
    }
}
