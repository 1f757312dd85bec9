package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.Decision;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanContent;
import dev.purser.core.plan.PlanState;
import dev.purser.core.plan.PlanStore;
import dev.purser.core.plan.ResourceLock;
import dev.purser.core.plan.SignOff;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link PlanStore} in PostgreSQL: tables {@code plan}, {@code plan_revision}, {@code plan_phase},
 * {@code plan_signoff} and {@code resource_lock} (migration V6).
 *
 * <p>Concurrency: {@link #update} takes the plan row with {@code SELECT ... FOR UPDATE}, reads its
 * sign-offs and the locks of its resources, runs the work, and writes in the same transaction, so
 * clicks on one plan are decided one at a time across faces and instances. Locks on a resource by
 * two plans approved at once are refused by the partial unique index on live locks; the loser's
 * whole transaction (its sign-off too) is rolled back and it is told the resource is locked.
 *
 * <p>Integrity: every revision is read back through {@link PlanContentJson} and re-hashed; a row
 * whose content no longer gives its stored hash is reported, never shown as if it were signed.
 */
public final class JdbcPlanStore implements PlanStore {

    private static final String PLAN = "SELECT p.id, p.revision, p.state, p.requester, p.requester_name, p.created_at, "
            + "r.revised_at, r.hash, r.content FROM plan p JOIN plan_revision r ON r.plan_id = p.id AND r.revision = p.revision";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcPlanStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Plan create(PlanContent content, String requester, String requesterName, Instant at) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan (revision, state, requester, "
                        + "requester_name, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, PlanState.AWAITING_APPROVAL.word());
                    ps.setString(2, requester);
                    ps.setString(3, requesterName);
                    ps.setObject(4, time(at));
                    ps.setObject(5, time(at));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                Plan plan = Plan.of(id, 1, requester, requesterName, PlanState.AWAITING_APPROVAL, at, at, content);
                insertRevision(c, plan, requester);
                c.commit();
                return plan;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<Plan> find(long id) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(PLAN + " WHERE p.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(plan(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Plan> list(boolean includeEnded) {
        String where = includeEnded ? "" : " WHERE p.state NOT IN ('cancelled', 'done', 'rolled_back', 'failed')";
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(PLAN + where + " ORDER BY p.id DESC");
             ResultSet rs = ps.executeQuery()) {
            List<Plan> out = new ArrayList<>();
            while (rs.next()) {
                out.add(plan(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Plan> revisions(long id) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT p.id, r.revision, "
                + "CASE WHEN r.revision = p.revision THEN p.state ELSE 'awaiting_approval' END AS state, p.requester, "
                + "p.requester_name, p.created_at, r.revised_at, r.hash, r.content FROM plan p JOIN plan_revision r "
                + "ON r.plan_id = p.id WHERE p.id = ? ORDER BY r.revision")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<Plan> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(plan(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<SignOff> signOffs(long planId) {
        try (Connection c = connection()) {
            return signOffs(c, planId);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<ResourceLock> locks() {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT resource_id, name, plan_id, "
                + "since FROM resource_lock WHERE released_at IS NULL ORDER BY since, id");
             ResultSet rs = ps.executeQuery()) {
            return locks(rs);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public <T> T update(long planId, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Plan plan;
                try (PreparedStatement ps = c.prepareStatement(PLAN + " WHERE p.id = ? FOR UPDATE OF p")) {
                    ps.setLong(1, planId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new PurserException(ErrorCode.NOT_FOUND, "there is no plan " + planId);
                        }
                        plan = plan(rs);
                    }
                }
                List<SignOff> signOffs = signOffs(c, planId);
                List<ResourceLock> others = lockedByOthers(c, plan);
                Change<T> change = work.apply(plan, signOffs, others);
                write(c, plan, change);
                c.commit();
                return change.result();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    throw new PurserException(ErrorCode.FORBIDDEN, "a resource of plan " + planId
                            + " was locked by another plan a moment ago; nothing was recorded, try again to see which");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<ResourceLock> release(String resource, String by, String reason, Instant at) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("UPDATE resource_lock SET "
                + "released_at = ?, released_by = ?, release_reason = ? WHERE released_at IS NULL AND (resource_id = ? "
                + "OR name = ?) RETURNING resource_id, name, plan_id, since")) {
            ps.setObject(1, time(at));
            ps.setString(2, by);
            ps.setString(3, reason);
            ps.setString(4, resource);
            ps.setString(5, resource);
            try (ResultSet rs = ps.executeQuery()) {
                List<ResourceLock> released = locks(rs);
                return released.isEmpty() ? Optional.empty() : Optional.of(released.get(0));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    // ------------------------------------------------------------------ writing

    private static void write(Connection c, Plan before, Change<?> change) throws SQLException {
        if (change.plan().isPresent()) {
            Plan after = change.plan().get();
            if (after.id() != before.id()) {
                throw new IllegalArgumentException("an update of plan " + before.id() + " wrote plan " + after.id());
            }
            if (after.revision() == before.revision() + 1) {
                insertRevision(c, after, change.by());
            } else if (after.revision() != before.revision()) {
                throw new IllegalArgumentException("plan " + before.id() + " revision " + before.revision()
                        + " cannot become revision " + after.revision());
            } else if (!after.hash().equals(before.hash())) {
                throw new IllegalArgumentException("plan " + before.id() + " changed its content without a new revision");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE plan SET revision = ?, state = ?, updated_at = ? "
                    + "WHERE id = ?")) {
                ps.setInt(1, after.revision());
                ps.setString(2, after.state().word());
                ps.setObject(3, time(change.at()));
                ps.setLong(4, after.id());
                ps.executeUpdate();
            }
        }
        if (change.signOff().isPresent()) {
            insertSignOff(c, change.signOff().get());
        }
        Plan current = change.plan().orElse(before);
        switch (change.locks()) {
            case KEEP -> { }
            case TAKE -> takeLocks(c, current, change.at());
            case RELEASE -> releaseLocks(c, current.id(), change.by(), change.at());
        }
    }

    private static void insertRevision(Connection c, Plan plan, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_revision (plan_id, revision, hash, canonical, "
                + "content, revised_by, revised_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setLong(1, plan.id());
            ps.setInt(2, plan.revision());
            ps.setString(3, plan.hash());
            ps.setString(4, plan.content().canonical());
            ps.setString(5, PlanContentJson.write(plan.content()));
            ps.setString(6, by);
            ps.setObject(7, time(plan.revised()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_phase (plan_id, revision, number, name, "
                + "rehearsal, tier, window_start, window_end, soak_seconds, resource_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Phase p : plan.content().phases()) {
                ps.setLong(1, plan.id());
                ps.setInt(2, plan.revision());
                ps.setInt(3, p.number());
                ps.setString(4, p.name());
                ps.setBoolean(5, p.rehearsal());
                ps.setString(6, p.tier());
                ps.setObject(7, time(p.window().start()));
                ps.setObject(8, time(p.window().end()));
                ps.setLong(9, p.soak().getSeconds());
                ps.setArray(10, c.createArrayOf("text", p.resourceIds().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertSignOff(Connection c, SignOff s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_signoff (plan_id, revision, hash, phase, decision, "
                + "platform, user_id, display_name, principal, comment, signed_at, valid_until, message_link) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, s.planId());
            ps.setInt(2, s.revision());
            ps.setString(3, s.hash());
            ps.setInt(4, s.phase());
            ps.setString(5, s.decision().word());
            ps.setString(6, s.platform());
            ps.setString(7, s.userId());
            ps.setString(8, s.displayName());
            ps.setString(9, s.principal());
            ps.setString(10, s.comment());
            ps.setObject(11, time(s.at()));
            ps.setObject(12, time(s.validUntil()));
            ps.setString(13, s.messageLink().orElse(null));
            ps.executeUpdate();
        }
    }

    private static void takeLocks(Connection c, Plan plan, Instant at) throws SQLException {
        Map<String, String> names = names(plan);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource_lock (resource_id, name, plan_id, since) "
                + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM resource_lock WHERE resource_id = ? "
                + "AND plan_id = ? AND released_at IS NULL)")) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setLong(3, plan.id());
                ps.setObject(4, time(at));
                ps.setString(5, e.getKey());
                ps.setLong(6, plan.id());
                ps.executeUpdate();
            }
        }
    }

    private static void releaseLocks(Connection c, long planId, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE resource_lock SET released_at = ?, released_by = ?, "
                + "release_reason = 'plan ended or was revised' WHERE plan_id = ? AND released_at IS NULL")) {
            ps.setObject(1, time(at));
            ps.setString(2, by);
            ps.setLong(3, planId);
            ps.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ reading

    private static List<ResourceLock> lockedByOthers(Connection c, Plan plan) throws SQLException {
        Set<String> ids = plan.content().resourceIds();
        try (PreparedStatement ps = c.prepareStatement("SELECT resource_id, name, plan_id, since FROM resource_lock "
                + "WHERE released_at IS NULL AND plan_id <> ? AND resource_id = ANY (?) ORDER BY since, id")) {
            ps.setLong(1, plan.id());
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return locks(rs);
            }
        }
    }

    private static List<SignOff> signOffs(Connection c, long planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT plan_id, revision, hash, phase, decision, platform, user_id, "
                + "display_name, principal, comment, signed_at, valid_until, message_link FROM plan_signoff "
                + "WHERE plan_id = ? ORDER BY signed_at, id")) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                List<SignOff> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SignOff(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            Decision.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12),
                            Optional.ofNullable(rs.getString(13))));
                }
                return out;
            }
        }
    }

    private static List<ResourceLock> locks(ResultSet rs) throws SQLException {
        List<ResourceLock> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new ResourceLock(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4)));
        }
        return out;
    }

    private static Plan plan(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        int revision = rs.getInt("revision");
        PlanContent content = PlanContentJson.read(rs.getString("content"));
        String stored = rs.getString("hash");
        Plan plan = new Plan(id, revision, rs.getString("requester"), rs.getString("requester_name"),
                PlanState.ofWord(rs.getString("state")), instant(rs, "created_at"), instant(rs, "revised_at"), content,
                stored);
        if (!content.hash().equals(stored)) {
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "plan " + id + " revision " + revision
                    + " no longer matches its hash " + stored.substring(0, 12) + ": the stored content was changed");
        }
        return plan;
    }

    private static Map<String, String> names(Plan plan) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Phase p : plan.content().phases()) {
            for (PhaseTarget t : p.targets()) {
                names.putIfAbsent(t.resourceId(), t.name());
            }
        }
        return names;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
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
                "the plan store failed in the database (SQL state " + e.getSQLState() + ")", e);
    }
}
