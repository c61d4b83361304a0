package dev.overlord.persistence.users;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Makes sure a fresh installation has an {@code admin} account to log in with. */
public final class AdminBootstrap {

    public static final String ADMIN_USERNAME = "admin";

    /** Environment variable the operator sets to choose the first admin password. */
    public static final String ADMIN_PASSWORD_ENV = "OVERLORD_ADMIN_PASSWORD";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminBootstrap() {}

    /**
     * Creates {@code admin} if there are no users at all; does nothing otherwise. Blocking.
     *
     * <p>With a (non-blank) {@code adminPassword}, admin gets that password. Without one, dev mode
     * generates a random password and returns it so the caller can print it once; it is stored
     * only as a hash and cannot be shown again.
     *
     * @return the generated password, or empty if none was generated
     * @throws IllegalStateException in prod mode when there are no users and no password was given
     * @throws InvalidPasswordException if the given password is too short or too long
     */
    public static Optional<String> ensureAdmin(UserStore users, Optional<String> adminPassword, boolean devMode) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        Optional<String> given = adminPassword.filter(p -> !p.isBlank());
        if (given.isEmpty() && !devMode) {
            throw new IllegalStateException("there are no users yet: " + ADMIN_PASSWORD_ENV
                    + " is required to create the first '" + ADMIN_USERNAME + "' account in production mode");
        }
        String password = given.orElseGet(AdminBootstrap::randomPassword);
        try {
            users.create(ADMIN_USERNAME, password.toCharArray());
        } catch (DuplicateUserException e) {
            // Another node bootstrapped at the same moment; its admin stands.
            return Optional.empty();
        }
        return given.isPresent() ? Optional.empty() : Optional.of(password);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18]; // 144 bits, 24 URL-safe characters
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
