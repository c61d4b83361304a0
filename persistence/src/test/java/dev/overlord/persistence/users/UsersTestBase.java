package dev.overlord.persistence.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;

/** Shared setup for user tests: an empty users table and a store with the cheapest bcrypt cost. */
abstract class UsersTestBase extends DatabaseTestBase {

    static final UserStoreSettings FAST = new UserStoreSettings(BCrypt.MIN_COST);

    UserStore store;

    @BeforeEach
    void emptyUsersTable() {
        try (Connection c = database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM users");
        } catch (SQLException e) {
            throw new DataAccessException("could not clear users", e);
        }
        store = new UserStore(database().dataSource(), FAST);
    }
}
