package dev.overlord.persistence;

import java.sql.SQLException;

/** An unexpected database failure, unchecked so callers need not thread SQLException through actors. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
