package dev.overlord.persistence.users;

/** Thrown when changing a user that does not exist. */
public final class UnknownUserException extends RuntimeException {

    public UnknownUserException(String username) {
        super("user '" + username + "' does not exist");
    }
}
