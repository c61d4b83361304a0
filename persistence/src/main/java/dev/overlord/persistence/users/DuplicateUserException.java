package dev.overlord.persistence.users;

/** Thrown when creating a user whose name is already taken. */
public final class DuplicateUserException extends RuntimeException {

    public DuplicateUserException(String username) {
        super("user '" + username + "' already exists");
    }
}
