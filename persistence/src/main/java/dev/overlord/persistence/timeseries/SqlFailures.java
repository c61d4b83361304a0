package dev.overlord.persistence.timeseries;

import java.sql.SQLException;

/** Tells a database that refuses a row apart from one that is unreachable or busy, by SQLSTATE class. */
public final class SqlFailures {

    private SqlFailures() {}

    /**
     * Whether the failure is about the data (class 22, data exception, or 23, integrity constraint
     * violation): retrying the same rows would fail forever, so they are written one by one instead.
     * Anything else (connection lost, pool exhausted, lock timeout, deadlock) is worth a retry.
     */
    public static boolean rowRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException s = e; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** SQLSTATE and the first line of the message, short enough for a log line (details may quote row values). */
    public static String describe(Throwable failure) {
        String state = failure instanceof SQLException e && e.getSQLState() != null ? "[" + e.getSQLState() + "] " : "";
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return state + (first.length() <= 200 ? first : first.substring(0, 197) + "...");
    }
}
