package dev.overlord.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.http.server.Server;
import dev.overlord.persistence.users.UserCli;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's entry point: {@code java -jar overlord.jar [flags]}, or a user command
 * ({@code add-user NAME}, {@code set-password NAME}).
 */
public final class Main {
    private Main() {}

    static final String USAGE = """
      usage: java -jar overlord.jar [--host ADDR] [--port N] [--data-dir DIR] [--db-url JDBC_URL]
                                    [--simulator on|off] [--sim-characters N] [--prod]
             java -jar overlord.jar add-user NAME        (password from OVERLORD_NEW_USER_PASSWORD or stdin)
             java -jar overlord.jar set-password NAME
             java -jar overlord.jar add-plugin-token LABEL CHARACTER...   (prints the token once)
             java -jar overlord.jar revoke-plugin-token LABEL | list-plugin-tokens
      Every flag has an environment twin: OVERLORD_HOST, OVERLORD_PORT, OVERLORD_DATA_DIR, OVERLORD_DB_URL,
      OVERLORD_SIMULATOR, OVERLORD_SIM_CHARACTERS, OVERLORD_MODE=prod.""";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && UserCli.COMMANDS.contains(args[0])) {
            System.exit(UserCli.run(args, System.in, System.out, ConfigFactory.load()));
        }
        Map<String, Object> overrides;
        try {
            overrides = parseFlags(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        overrides.put("pekko.coordinated-shutdown.exit-jvm", "on");
        Config config = Server.config(ConfigFactory.parseMap(overrides, "command line"));
        try {
            Server.start(config, System.out);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("Overlord cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    static Map<String, Object> parseFlags(String[] args) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--prod" -> m.put("overlord.mode", "prod");
                case "--help", "-h" -> throw new IllegalArgumentException("Overlord live operations server");
                case "--host", "--port", "--data-dir", "--db-url", "--simulator", "--sim-characters" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                    String v = args[++i];
                    switch (a) {
                        case "--host" -> m.put("overlord.http.host", v);
                        case "--port" -> m.put("overlord.http.port", v);
                        case "--data-dir" -> m.put("overlord.data-dir", v);
                        case "--db-url" -> m.put("overlord.database.url", v);
                        case "--simulator" -> m.put("overlord.simulator.enabled", v);
                        default -> m.put("overlord.simulator.characters", v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        return m;
    }
}
