package dev.overlord.agent.sql;

/** A query the SQL walls refuse; the message says which wall and why. */
public final class SqlRefused extends RuntimeException {
    public SqlRefused(String message) {
        super(message);
    }
}
