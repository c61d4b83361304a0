package dev.overlord.http.readapi;

/** A read endpoint's query string parsed: its request record, or the first bad parameter and why. */
public sealed interface Parsed<R> {

    record Valid<R>(R request) implements Parsed<R> {}

    record Invalid<R>(String parameter, String reason) implements Parsed<R> {
        /** The message clients see: which parameter and why. */
        public String message() {
            return "parameter '" + parameter + "': " + reason;
        }
    }
}
