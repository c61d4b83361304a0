package dev.overlord.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a borrowed connection: committed when it returns, rolled back when it throws. */
public final class Transactions {

    /** Work on the transaction's connection; may throw one checked exception of its own besides SQL's. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    private Transactions() {}

    /**
     * Runs {@code work} with auto-commit off, commits, and restores auto-commit; on any failure rolls
     * back (a failed rollback is added to the failure) and rethrows.
     */
    public static <T, X extends Exception> T commitOrRollback(Connection c, Work<T, X> work) throws SQLException, X {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Exception e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
