package dev.overlord.persistence.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** UserCli commands against a real database, run once per vendor by the concrete subclasses. */
abstract class UserCliContract extends UsersTestBase {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private Config config() {
        return ConfigFactory.parseMap(Map.of(
                "overlord.database.url", settings().url(),
                "overlord.database.user", settings().user(),
                "overlord.database.password", settings().password(),
                "overlord.database.max-pool-size", 2,
                "overlord.users.bcrypt-cost", FAST.bcryptCost()));
    }

    private int run(String stdin, Map<String, String> env, String... args) {
        output.reset();
        return UserCli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(output, true, StandardCharsets.UTF_8),
                config(),
                env);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addUserReadsPasswordFromFirstLineOfStdin() {
        assertEquals(UserCli.OK, run("stdin-password\nignored\n", Map.of(), "add-user", "kim"));
        assertTrue(output().contains("created user 'kim'"), output());
        assertTrue(store.verify("kim", "stdin-password".toCharArray()));
        assertFalse(output().contains("stdin-password"), "the password is never echoed");
    }

    @Test
    void environmentPasswordWinsOverStdin() {
        assertEquals(
                UserCli.OK, run("stdin-password\n", Map.of(UserCli.PASSWORD_ENV, "env-password"), "add-user", "lee"));
        assertTrue(store.verify("lee", "env-password".toCharArray()));
        assertFalse(store.verify("lee", "stdin-password".toCharArray()));
    }

    @Test
    void windowsLineEndingIsNotPartOfThePassword() {
        assertEquals(UserCli.OK, run("crlf-password\r\n", Map.of(), "add-user", "max"));
        assertTrue(store.verify("max", "crlf-password".toCharArray()));
    }

    @Test
    void setPasswordChangesAnExistingUser() {
        store.create("nina", "old-password".toCharArray());
        assertEquals(UserCli.OK, run("new-password\n", Map.of(), "set-password", "nina"));
        assertTrue(output().contains("updated"), output());
        assertTrue(store.verify("nina", "new-password".toCharArray()));
    }

    @Test
    void reportsFailuresWithExitCodeOne() {
        store.create("omar", "password1".toCharArray());
        assertEquals(UserCli.FAILED, run("password2\n", Map.of(), "add-user", "omar"));
        assertTrue(output().contains("already exists"), output());

        assertEquals(UserCli.FAILED, run("password2\n", Map.of(), "set-password", "nobody"));
        assertTrue(output().contains("does not exist"), output());

        assertEquals(UserCli.FAILED, run("short\n", Map.of(), "add-user", "pat"));
        assertTrue(output().contains("at least 8"), output());

        assertEquals(UserCli.FAILED, run("", Map.of(), "add-user", "pat"));
        assertTrue(output().contains(UserCli.PASSWORD_ENV), output());
        assertFalse(store.exists("pat"));
    }

    @Test
    void wrongArgumentsPrintUsage() {
        assertEquals(UserCli.USAGE, run("", Map.of()));
        assertEquals(UserCli.USAGE, run("", Map.of(), "add-user"));
        assertEquals(UserCli.USAGE, run("", Map.of(), "delete-user", "x"));
        assertTrue(output().contains("usage:"), output());
    }

    @Test
    void fourArgumentEntryUsesTheProcessEnvironment() {
        String expected = System.getenv().getOrDefault(UserCli.PASSWORD_ENV, "");
        if (expected.isEmpty()) {
            expected = "process-env-or-stdin";
        }
        output.reset();
        int code = UserCli.run(
                new String[] {"add-user", "quinn"},
                new ByteArrayInputStream("process-env-or-stdin\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(output, true, StandardCharsets.UTF_8),
                config());
        assertEquals(UserCli.OK, code, output());
        assertTrue(store.verify("quinn", expected.toCharArray()));
    }
}
