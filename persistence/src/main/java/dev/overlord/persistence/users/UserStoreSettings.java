package dev.overlord.persistence.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.typesafe.config.Config;

/**
 * How expensive password hashes are: {@code overlord.users.bcrypt-cost} (default 12).
 *
 * <p>Each step doubles the work; 12 takes a few hundred milliseconds on a server core, which is
 * the point for logins and too slow for unit tests, which use {@link BCrypt#MIN_COST}.
 */
public record UserStoreSettings(int bcryptCost) {

    public static final int DEFAULT_BCRYPT_COST = 12;

    public UserStoreSettings {
        if (bcryptCost < BCrypt.MIN_COST || bcryptCost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt-cost must be between " + BCrypt.MIN_COST + " and "
                    + BCrypt.MAX_COST + ", got " + bcryptCost);
        }
    }

    public static UserStoreSettings defaults() {
        return new UserStoreSettings(DEFAULT_BCRYPT_COST);
    }

    /** Reads {@code overlord.users.bcrypt-cost}, falling back to the default when absent. */
    public static UserStoreSettings from(Config c) {
        String path = "overlord.users.bcrypt-cost";
        return new UserStoreSettings(c.hasPath(path) ? c.getInt(path) : DEFAULT_BCRYPT_COST);
    }
}
