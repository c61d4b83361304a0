package dev.overlord.persistence.users;

/** Thrown when a new password breaks the rules; the message says which rule, never the password. */
public final class InvalidPasswordException extends IllegalArgumentException {

    public InvalidPasswordException(String message) {
        super(message);
    }
}
