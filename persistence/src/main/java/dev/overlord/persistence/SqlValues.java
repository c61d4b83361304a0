package dev.overlord.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How the read models move values between JDBC and Java, the same way on H2 and PostgreSQL. */
public final class SqlValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlValues() {}

    /** Binds an instant as a UTC timestamp with time zone. */
    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** A timestamp-with-time-zone column; {@code null} for SQL NULL. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * A JSON text column parsed; {@code null} for SQL NULL, and a JSON string holding the text when
     * it is not valid JSON, so one bad column does not hide the rest of an answer.
     */
    public static JsonNode json(String text) {
        if (text == null) return null;
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }
}
