package dev.overlord.persistence.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** UserStore behaviour, run once per vendor by the concrete subclasses. */
abstract class UserStoreContract extends UsersTestBase {

    @Test
    void createdUserVerifiesWithItsPasswordOnly() {
        store.create("alice", "correct horse".toCharArray());
        assertTrue(store.verify("alice", "correct horse".toCharArray()));
        assertFalse(store.verify("alice", "correct horsE".toCharArray()));
        assertFalse(store.verify("alice", new char[0]));
        assertFalse(store.verify("alice", null));
        assertFalse(store.verify("Alice", "correct horse".toCharArray()), "names are case-sensitive");
    }

    @Test
    void unknownUserDoesNotVerify() {
        assertFalse(store.verify("nobody", "whatever-password".toCharArray()));
        assertFalse(store.verify(null, "whatever-password".toCharArray()));
    }

    @Test
    void countsAndFindsUsers() {
        assertEquals(0, store.count());
        assertFalse(store.exists("bob"));
        store.create("bob", "password1".toCharArray());
        store.create("carol", "password2".toCharArray());
        assertEquals(2, store.count());
        assertTrue(store.exists("bob"));
        assertFalse(store.exists("dave"));
    }

    @Test
    void rejectsDuplicateName() {
        store.create("erin", "password1".toCharArray());
        DuplicateUserException e =
                assertThrows(DuplicateUserException.class, () -> store.create("erin", "password2".toCharArray()));
        assertTrue(e.getMessage().contains("erin"), e.getMessage());
        assertTrue(store.verify("erin", "password1".toCharArray()), "the first password stands");
    }

    @Test
    void rejectsEmptyShortAndOverlongPasswords() {
        InvalidPasswordException empty =
                assertThrows(InvalidPasswordException.class, () -> store.create("frank", new char[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        InvalidPasswordException shortOne =
                assertThrows(InvalidPasswordException.class, () -> store.create("frank", "1234567".toCharArray()));
        assertTrue(shortOne.getMessage().contains("at least 8"), shortOne.getMessage());
        assertThrows(
                InvalidPasswordException.class,
                () -> store.create("frank", "é".repeat(37).toCharArray()));
        assertFalse(store.exists("frank"));

        store.create("frank", "12345678".toCharArray());
        assertTrue(store.verify("frank", "12345678".toCharArray()));
        store.create("grace", "x".repeat(UserStore.MAX_PASSWORD_BYTES).toCharArray());
        assertTrue(
                store.verify("grace", "x".repeat(UserStore.MAX_PASSWORD_BYTES).toCharArray()));
        assertFalse(store.verify(
                "grace", "x".repeat(UserStore.MAX_PASSWORD_BYTES + 1).toCharArray()));
    }

    @Test
    void rejectsBadNames() {
        for (String bad : new String[] {"", " ", "-dash", "has space", "x".repeat(65), "semi;colon"}) {
            assertThrows(IllegalArgumentException.class, () -> store.create(bad, "password1".toCharArray()), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> store.create(null, "password1".toCharArray()));
        assertEquals(0, store.count());
    }

    @Test
    void setPasswordReplacesTheOldOne() {
        store.create("heidi", "old-password".toCharArray());
        store.setPassword("heidi", "new-password".toCharArray());
        assertTrue(store.verify("heidi", "new-password".toCharArray()));
        assertFalse(store.verify("heidi", "old-password".toCharArray()));
        assertThrows(InvalidPasswordException.class, () -> store.setPassword("heidi", "short".toCharArray()));
        assertTrue(store.verify("heidi", "new-password".toCharArray()));
    }

    @Test
    void setPasswordOfUnknownUserFails() {
        UnknownUserException e =
                assertThrows(UnknownUserException.class, () -> store.setPassword("ivan", "password1".toCharArray()));
        assertTrue(e.getMessage().contains("ivan"), e.getMessage());
        assertEquals(0, store.count());
    }

    @Test
    void storesBcryptHashWithConfiguredCostAndCreationTime() throws SQLException {
        store.create("judy", "password1".toCharArray());
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT password_hash, created_at FROM users WHERE username = ?")) {
            ps.setString(1, "judy");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                String hash = rs.getString(1);
                assertTrue(hash.startsWith("$2a$04$"), hash);
                assertFalse(hash.contains("password1"));
                assertNotNull(rs.getObject(2, OffsetDateTime.class));
            }
        }
    }

    @Test
    void defaultCostIsTwelve() throws SQLException {
        UserStore production = new UserStore(database().dataSource());
        production.create("mallory", "password1".toCharArray());
        assertTrue(production.verify("mallory", "password1".toCharArray()));
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            ps.setString(1, "mallory");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("$2a$12$"), rs.getString(1));
            }
        }
    }
}
