package dev.overlord.persistence.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.overlord.persistence.DataAccessException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Operator accounts in the {@code users} table, with bcrypt password hashes.
 *
 * <p>Every method blocks on JDBC and, for passwords, on deliberately slow hashing: call them from a
 * blocking dispatcher, never from an actor's or stream's default dispatcher. Password arrays are
 * read, not kept and not cleared; clearing them is the caller's choice.
 */
public final class UserStore {

    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** bcrypt only looks at the first 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    // SQLSTATE for a unique or primary key violation, the same on H2 and PostgreSQL.
    private static final String UNIQUE_VIOLATION = "23505";

    private static final char[] PLACEHOLDER = "placeholder".toCharArray();

    private final DataSource dataSource;
    private final int cost;
    private final String dummyHash;

    public UserStore(DataSource dataSource, UserStoreSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.cost = settings.bcryptCost();
        // Verified against when the user is unknown, so a miss costs as much as a wrong password.
        this.dummyHash = hash(randomChars());
    }

    public UserStore(DataSource dataSource) {
        this(dataSource, UserStoreSettings.defaults());
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException if the name is not 1-64 of {@code [A-Za-z0-9._-]} starting
     *     with a letter or digit
     * @throws InvalidPasswordException if the password is shorter than {@value #MIN_PASSWORD_LENGTH}
     *     characters or longer than {@value #MAX_PASSWORD_BYTES} UTF-8 bytes
     * @throws DuplicateUserException if the name is taken
     */
    public void create(String username, char[] password) {
        checkUsername(username);
        String hash = hash(checkPassword(password));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO users (username, password_hash) VALUES (?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, hash);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Insert-and-catch rather than check-then-insert, so two concurrent creates cannot both win.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DuplicateUserException(username);
            }
            throw new DataAccessException("could not create user '" + username + "'", e);
        }
    }

    /**
     * Replaces a user's password and revokes every session issued before (their token version is
     * left behind).
     *
     * @throws InvalidPasswordException as for {@link #create}
     * @throws UnknownUserException if there is no such user
     */
    public void setPassword(String username, char[] password) {
        String hash = hash(checkPassword(password));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE users SET password_hash = ?, token_version = token_version + 1 WHERE username = ?")) {
            ps.setString(1, hash);
            ps.setString(2, username);
            if (ps.executeUpdate() == 0) {
                throw new UnknownUserException(username);
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not set the password of '" + username + "'", e);
        }
    }

    /**
     * Whether {@code password} is this user's password.
     *
     * <p>Takes about one bcrypt verification whether or not the user exists, so timing does not
     * reveal which names are registered.
     */
    public boolean verify(String username, char[] password) {
        return authenticate(username, password).isPresent();
    }

    /** A user whose password was right, with the token version their new sessions carry. */
    public record Authenticated(String username, long tokenVersion) {}

    /**
     * The user and their current token version when {@code password} is theirs; empty otherwise.
     * Costs one bcrypt verification whether or not the user exists, like {@link #verify}.
     */
    public Optional<Authenticated> authenticate(String username, char[] password) {
        Optional<Account> stored = username == null ? Optional.empty() : account(username);
        // Passwords create() would refuse can never match, but still cost a verification.
        boolean acceptable = password != null && password.length > 0 && utf8Length(password) <= MAX_PASSWORD_BYTES;
        boolean matches = BCrypt.verifyer()
                .verify(
                        acceptable ? password : PLACEHOLDER,
                        stored.map(Account::hash).orElse(dummyHash).toCharArray())
                .verified;
        return matches && acceptable
                ? stored.map(a -> new Authenticated(username, a.tokenVersion()))
                : Optional.empty();
    }

    /**
     * Revokes every session of this user (the token version goes up by one).
     *
     * @return the new version
     * @throws UnknownUserException if there is no such user
     */
    public long revokeSessions(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE users SET token_version = token_version + 1 WHERE username = ?")) {
            ps.setString(1, username);
            if (ps.executeUpdate() == 0) throw new UnknownUserException(username);
        } catch (SQLException e) {
            throw new DataAccessException("could not revoke the sessions of '" + username + "'", e);
        }
        return account(username).map(Account::tokenVersion).orElseThrow(() -> new UnknownUserException(username));
    }

    /** Every user's current token version; the table is small (operator accounts). */
    public Map<String, Long> tokenVersions() {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, token_version FROM users");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new DataAccessException("could not read token versions", e);
        }
        return out;
    }

    private record Account(String hash, long tokenVersion) {}

    /** Whether a user with this exact name exists. */
    public boolean exists(String username) {
        return account(username).isPresent();
    }

    /** How many users there are. */
    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("could not count users", e);
        }
    }

    private Optional<Account> account(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT password_hash, token_version FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Account(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not look up user '" + username + "'", e);
        }
    }

    private String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(cost, password);
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("invalid user name '" + username
                    + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static char[] checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new InvalidPasswordException("password must not be empty");
        }
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new InvalidPasswordException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (utf8Length(password) > MAX_PASSWORD_BYTES) {
            throw new InvalidPasswordException("password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        return password;
    }

    private static int utf8Length(char[] chars) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        int length = bytes.remaining();
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0); // do not leave a plaintext copy for the GC to find
        }
        return length;
    }

    private static char[] randomChars() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (char) ('a' + (bytes[i] & 0x0f));
        }
        return out;
    }
}
