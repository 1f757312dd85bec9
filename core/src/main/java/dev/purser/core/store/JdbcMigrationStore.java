package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.MigrationStore;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseStatus;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanState;
import dev.purser.core.plan.PlanStore;
import dev.purser.core.plan.PlanTransitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Plan and phase states of running plans in PostgreSQL: {@code plan.state} and
 * {@code plan_phase_state} (V13).
 *
 * <p>Concurrency: {@link #move} locks the plan row ({@code SELECT ... FOR UPDATE}) in the same
 * lock order as {@link JdbcPlanStore#update}, so sign-offs, edits and moves on one plan queue
 * behind each other on every instance. The plan's content is read through the plan store (a
 * committed revision never changes; the locked row's revision must match it, or the move is
 * refused). Every move is checked against {@link PlanTransitions} before anything is written.
 */
public final class JdbcMigrationStore implements MigrationStore {

    private final DataSource dataSource;
    private final PlanStore plans;

    public JdbcMigrationStore(DataSource dataSource, PlanStore plans) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.plans = Objects.requireNonNull(plans, "plans");
    }

    @Override
    public List<PhaseStatus> phases(Plan plan) {
        try (Connection c = connection()) {
            return phases(c, plan);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public <T> Moved<T> move(long planId, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                PlanState state;
                int revision;
                try (PreparedStatement ps = c.prepareStatement("SELECT state, revision FROM plan WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, planId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new PurserException(ErrorCode.NOT_FOUND, "there is no plan " + planId);
                        }
                        state = PlanState.ofWord(rs.getString(1));
                        revision = rs.getInt(2);
                    }
                }
                Plan stored = plans.find(planId)
                        .orElseThrow(() -> new PurserException(ErrorCode.NOT_FOUND, "there is no plan " + planId));
                if (stored.revision() != revision) {
                    throw PurserException.badArgument("plan " + planId + " was revised a moment ago; nothing was moved, "
                            + "look at it again");
                }
                Plan plan = stored.withState(state);
                List<PhaseStatus> phases = phases(c, plan);
                Moves<T> moves = work.apply(plan, phases);
                List<Transition> done = check(plan, phases, moves);
                write(c, plan, moves);
                c.commit();
                return new Moved<>(moves.result(), moves.plan() == null ? plan : plan.withState(moves.plan()), done);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static List<Transition> check(Plan plan, List<PhaseStatus> phases, Moves<?> moves) {
        List<Transition> out = new ArrayList<>();
        if (moves.plan() != null) {
            PlanTransitions.check(PlanTransitions.Scope.PLAN, plan.state(), moves.plan());
            out.add(new Transition(0, plan.state(), moves.plan()));
        }
        Map<Integer, PlanState> sorted = new TreeMap<>(moves.phases());
        for (Map.Entry<Integer, PlanState> e : sorted.entrySet()) {
            PhaseStatus now = phases.stream().filter(p -> p.number() == e.getKey()).findFirst()
                    .orElseThrow(() -> PurserException.badArgument("plan " + plan.id() + " has no phase " + e.getKey()));
            PlanTransitions.refusal(PlanTransitions.Scope.PHASE, now.state(), e.getValue()).ifPresent(why -> {
                throw PurserException.badArgument("phase " + now.number() + " (" + now.name() + "): " + why);
            });
            out.add(new Transition(now.number(), now.state(), e.getValue()));
        }
        return out;
    }

    private static void write(Connection c, Plan plan, Moves<?> moves) throws SQLException {
        if (moves.plan() != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE plan SET state = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, moves.plan().word());
                ps.setObject(2, time(moves.at()));
                ps.setLong(3, plan.id());
                ps.executeUpdate();
            }
        }
        if (!moves.phases().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_phase_state (plan_id, phase, revision, state, "
                    + "reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, phase) DO UPDATE "
                    + "SET revision = EXCLUDED.revision, state = EXCLUDED.state, reason = EXCLUDED.reason, "
                    + "updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")) {
                for (Map.Entry<Integer, PlanState> e : new TreeMap<>(moves.phases()).entrySet()) {
                    ps.setLong(1, plan.id());
                    ps.setInt(2, e.getKey());
                    ps.setInt(3, plan.revision());
                    ps.setString(4, e.getValue().word());
                    ps.setString(5, moves.reason());
                    ps.setString(6, moves.by());
                    ps.setObject(7, time(moves.at()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (moves.releaseLocks()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE resource_lock SET released_at = ?, released_by = ?, "
                    + "release_reason = ? WHERE plan_id = ? AND released_at IS NULL")) {
                ps.setObject(1, time(moves.at()));
                ps.setString(2, moves.by());
                ps.setString(3, "plan " + (moves.plan() == null ? plan.state() : moves.plan()).word().replace('_', ' ')
                        + ": " + moves.reason());
                ps.setLong(4, plan.id());
                ps.executeUpdate();
            }
        }
    }

    private static List<PhaseStatus> phases(Connection c, Plan plan) throws SQLException {
        Map<Integer, PhaseStatus> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT phase, state, reason, updated_at FROM plan_phase_state "
                + "WHERE plan_id = ? AND revision = ?")) {
            ps.setLong(1, plan.id());
            ps.setInt(2, plan.revision());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(1);
                    stored.put(n, new PhaseStatus(n, "", PlanState.ofWord(rs.getString(2)), rs.getString(3),
                            Optional.of(rs.getObject(4, OffsetDateTime.class).toInstant())));
                }
            }
        }
        List<PhaseStatus> out = new ArrayList<>();
        for (Phase p : plan.content().phases()) {
            PhaseStatus s = stored.get(p.number());
            out.add(s == null ? new PhaseStatus(p.number(), p.name(), PhaseStatus.unmoved(plan.state()), "", Optional.empty())
                    : new PhaseStatus(p.number(), p.name(), s.state(), s.reason(), s.since()));
        }
        return out;
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "cannot reach Purser's database", e);
        }
    }

    private static PurserException failed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the migration store failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
