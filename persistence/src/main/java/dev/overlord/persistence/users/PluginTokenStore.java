package dev.overlord.persistence.users;

import dev.overlord.persistence.DataAccessException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Per-plugin tokens in {@code plugin_tokens}: each names the characters its plugin may speak for.
 * The token is shown once, at creation; only its SHA-256 is stored (a token is 32 random bytes, so
 * a fast hash is enough: there is nothing to guess from it).
 */
public final class PluginTokenStore {
    /** Every token starts so, to tell it apart from a shared secret at a glance. */
    public static final String PREFIX = "ovp_";

    public static final int MAX_CHARACTERS = 100;
    public static final int MAX_CHARACTER_LENGTH = 64;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String UNIQUE_VIOLATION = "23505";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored token: its label, hash and the characters it may speak for. */
    public record Grant(String label, String tokenHash, Set<String> characters) {}

    private final DataSource dataSource;

    public PluginTokenStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates a token for {@code characters} and returns it; it is not kept and cannot be shown again.
     *
     * @throws IllegalArgumentException for a bad or taken label, a bad character name, or no characters
     */
    public String create(String label, List<String> characters) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(
                    "invalid token label: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Set<String> names = checkCharacters(characters);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO plugin_tokens (label, token_hash, characters) VALUES (?, ?, ?)")) {
            ps.setString(1, label);
            ps.setString(2, hash(token));
            ps.setString(3, String.join("\n", names));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalArgumentException("plugin token '" + label + "' already exists");
            }
            throw new DataAccessException("could not create plugin token '" + label + "'", e);
        }
        return token;
    }

    /** Deletes a token; whether there was one. */
    public boolean revoke(String label) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM plugin_tokens WHERE label = ?")) {
            ps.setString(1, label);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("could not revoke plugin token '" + label + "'", e);
        }
    }

    /** Every token, by label. */
    public List<Grant> all() {
        List<Grant> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT label, token_hash, characters FROM plugin_tokens ORDER BY label");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Grant(
                        rs.getString(1),
                        rs.getString(2),
                        Set.copyOf(List.of(rs.getString(3).split("\n")))));
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read plugin tokens", e);
        }
        return out;
    }

    /** The stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Set<String> checkCharacters(List<String> characters) {
        if (characters == null || characters.isEmpty()) {
            throw new IllegalArgumentException("name at least one character the token may speak for");
        }
        if (characters.size() > MAX_CHARACTERS) {
            throw new IllegalArgumentException("at most " + MAX_CHARACTERS + " characters per token");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : characters) {
            String n = name == null ? "" : name.strip();
            if (n.isEmpty()
                    || n.length() > MAX_CHARACTER_LENGTH
                    || n.codePoints().anyMatch(cp -> Character.isISOControl(cp) || cp == '\n')) {
                throw new IllegalArgumentException(
                        "character names are 1-" + MAX_CHARACTER_LENGTH + " printable characters");
            }
            out.add(n);
        }
        return out;
    }
}
