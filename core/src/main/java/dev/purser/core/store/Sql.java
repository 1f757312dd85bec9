package dev.purser.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Statement text with its parameters in the order they appear; every value is bound, never spliced. */
final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql text(String s) {
        text.append(s);
        return this;
    }

    Sql bind(Object value) {
        params.add(value);
        return this;
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
