package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.Vendor;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * H2 goes away by stopping the TCP server the writer connects through; the test reads the same
 * database file through its embedded pool, which stays up.
 */
class H2WriterOutageTest extends WriterOutageContract {

    private int port;
    private Server tcp;

    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }

    @BeforeAll
    void startTcpServer() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        bringDatabaseBack();
    }

    @AfterAll
    void stopTcpServer() {
        takeDatabaseAway();
    }

    @Override
    String writerUrl() {
        // jdbc:h2:file:/abs/path;OPTIONS -> jdbc:h2:tcp://127.0.0.1:port//abs/path;OPTIONS
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + settings().url().substring("jdbc:h2:file:".length());
    }

    @Override
    synchronized void takeDatabaseAway() {
        if (tcp != null) {
            tcp.stop(); // closes the listening socket and every open session
            tcp = null;
        }
    }

    @Override
    synchronized void bringDatabaseBack() {
        if (tcp == null) {
            try {
                tcp = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifExists")
                        .start();
            } catch (SQLException e) {
                throw new DataAccessException("could not start the H2 TCP server", e);
            }
        }
    }
}
