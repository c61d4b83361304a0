package dev.overlord.persistence.projection;

import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * One transaction of a projection on one pooled connection: the handler's writes and the offset
 * are committed together, which is what makes the projection exactly once.
 */
public final class PlainJdbcSession implements JdbcSession {

    private final Connection connection;

    /** Borrows a connection; the projection calls this on its JDBC dispatcher, never an actor's. */
    public PlainJdbcSession(DataSource dataSource) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            this.connection = c;
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new DataAccessException("no connection for a projection", e);
        }
    }

    @Override
    public <R> R withConnection(Function<Connection, R> func) throws Exception {
        return func.apply(connection);
    }

    @Override
    public void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
        connection.rollback();
    }

    /** Returns the connection to the pool. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static void closeQuietly(Connection c, SQLException cause) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
