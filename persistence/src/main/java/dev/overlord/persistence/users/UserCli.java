package dev.overlord.persistence.users;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.DatabaseSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Command line for managing operator accounts: {@code add-user <name>} and {@code set-password <name>}.
 *
 * <p>The password comes from {@value #PASSWORD_ENV} if set, else from the first line of standard
 * input, so it never appears in the process list or shell history. Uses the same
 * {@code overlord.database} settings as the server and migrates the schema if needed.
 */
public final class UserCli {

    /** Environment variable holding the new password. */
    public static final String PASSWORD_ENV = "OVERLORD_NEW_USER_PASSWORD";

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: add-user <name>       create an account
                   set-password <name>   replace an account's password (ends the account's sessions)
                   add-plugin-token <label> <character>...   a token a plugin may use instead of
                                         SHARED_SECRET, speaking only for these characters (shown once)
                   revoke-plugin-token <label>
                   list-plugin-tokens
            The password is read from %s or, if that is unset, from the first line of stdin.""".formatted(PASSWORD_ENV);

    /** The commands this line understands; {@code Main} hands these to it. */
    public static final java.util.Set<String> COMMANDS = java.util.Set.of(
            "add-user", "set-password", "add-plugin-token", "revoke-plugin-token", "list-plugin-tokens");

    private UserCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, ConfigFactory.load()));
    }

    /** Runs one command against the configured database, reading the password from the real environment. */
    public static int run(String[] args, InputStream in, PrintStream out, Config config) {
        return run(args, in, out, config, System.getenv());
    }

    /**
     * Runs one command with an explicit environment (tests pass their own).
     *
     * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}, for use as the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, Config config, Map<String, String> env) {
        if (args.length > 0 && args[0].contains("plugin-token")) {
            return pluginTokens(args, out, config);
        }
        if (args.length != 2 || !(args[0].equals("add-user") || args[0].equals("set-password"))) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        String username = args[1];
        char[] password = null;
        try {
            password = readPassword(in, env);
            if (password == null) {
                out.println(
                        "error: no password given: set " + PASSWORD_ENV + " or write it as the first line of stdin");
                return FAILED;
            }
            try (Database db = Database.open(DatabaseSettings.from(config))) {
                UserStore users = new UserStore(db.dataSource(), UserStoreSettings.from(config));
                if (command.equals("add-user")) {
                    users.create(username, password);
                    out.println("created user '" + username + "'");
                } else {
                    users.setPassword(username, password);
                    out.println("password of '" + username + "' updated");
                }
            }
            return OK;
        } catch (IllegalArgumentException | DuplicateUserException | UnknownUserException e) {
            out.println("error: " + e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            out.println("error: " + e);
            return FAILED;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static int pluginTokens(String[] args, PrintStream out, Config config) {
        String command = args[0];
        boolean shapeOk = switch (command) {
            case "add-plugin-token" -> args.length >= 3;
            case "revoke-plugin-token" -> args.length == 2;
            case "list-plugin-tokens" -> args.length == 1;
            default -> false;
        };
        if (!shapeOk) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        try (Database db = Database.open(DatabaseSettings.from(config))) {
            PluginTokenStore tokens = new PluginTokenStore(db.dataSource());
            switch (command) {
                case "add-plugin-token" -> {
                    String token = tokens.create(args[1], Arrays.asList(args).subList(2, args.length));
                    out.println("plugin token '" + args[1] + "' created; give it to the plugin as its secret "
                            + "(?secret= or X-Plugin-Secret). It is shown only now:");
                    out.println(token);
                }
                case "revoke-plugin-token" -> {
                    if (!tokens.revoke(args[1])) {
                        out.println("error: no plugin token '" + args[1] + "'");
                        return FAILED;
                    }
                    out.println("plugin token '" + args[1] + "' revoked (new connections refused; open ones stay)");
                }
                default -> tokens.all().forEach(g -> out.println(g.label() + "\t" + String.join(", ", g.characters())));
            }
            return OK;
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            out.println("error: " + e);
            return FAILED;
        }
    }

    private static char[] readPassword(InputStream in, Map<String, String> env) throws IOException {
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        // Not closed: the stream belongs to the caller (System.in in production).
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null || line.isEmpty() ? null : line.toCharArray();
    }
}
