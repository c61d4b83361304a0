package dev.overlord.agent.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the command-line runner starts its client, read once from {@code overlord.agent.cli}
 * (docs/assistant.md, "The command-line runner").
 *
 * @param command the client and its leading arguments ({@code ["claude"]}); never run through a
 *     shell
 * @param workdir the client's working directory (created when missing)
 * @param home the client's {@code HOME}: where it keeps its login and its sessions
 * @param path the client's {@code PATH}
 * @param lang the client's {@code LANG}
 * @param passEnv names of the server's environment variables the client also gets (its own
 *     credentials, such as {@code ANTHROPIC_API_KEY}); never one of our secrets
 * @param model the client's {@code --model}; empty: its default
 * @param extraAllowedTools tools allowed besides our twelve (such as {@code WebFetch(domain:...)})
 * @param disallowedTools the client's own tools it must never use
 * @param permissionMode the client's {@code --permission-mode}
 * @param mcpServerMain the class the MCP server subprocess runs (our stdio MCP server)
 * @param mcpServerJvmOptions options of that JVM (small heap, quick start)
 * @param maxLineBytes the longest line of the client's output read; a longer one is skipped
 * @param maxOutputBytes all of the client's output read for one question; past it the client is
 *     stopped
 * @param maxStderrBytes the client's error output kept (for the failure message)
 * @param killGrace how long a stopped client and what it started may take to go
 */
public record CliSettings(
        List<String> command,
        Path workdir,
        Path home,
        String path,
        String lang,
        List<String> passEnv,
        String model,
        List<String> extraAllowedTools,
        List<String> disallowedTools,
        String permissionMode,
        String mcpServerMain,
        List<String> mcpServerJvmOptions,
        int maxLineBytes,
        long maxOutputBytes,
        int maxStderrBytes,
        Duration killGrace) {

    /**
     * Names no operator may pass to the client: the server's own secrets, and whole families of
     * them (ours start with {@code OVERLORD_}, {@code AGENT_} or {@code DISCORD_}).
     */
    static final Set<String> REFUSED_NAMES = Set.of(
            "SECRET_KEY", "SHARED_SECRET", "PGPASSWORD", "DATABASE_URL", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final List<String> REFUSED_PREFIXES = List.of("OVERLORD_", "AGENT_", "DISCORD_");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    public CliSettings {
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("overlord.agent.cli.command (CLAUDE_BIN) must name a program");
        }
        Objects.requireNonNull(workdir, "workdir");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lang, "lang");
        passEnv = List.copyOf(passEnv);
        for (String name : passEnv) checkPassable(name);
        Objects.requireNonNull(model, "model");
        extraAllowedTools = List.copyOf(extraAllowedTools);
        disallowedTools = List.copyOf(disallowedTools);
        Objects.requireNonNull(permissionMode, "permissionMode");
        if (!CLASS_NAME.matcher(mcpServerMain).matches()) {
            throw new IllegalArgumentException(
                    "overlord.agent.cli.mcp-server-main must be a class name, not '" + mcpServerMain + "'");
        }
        mcpServerJvmOptions = List.copyOf(mcpServerJvmOptions);
        if (maxLineBytes < 1024)
            throw new IllegalArgumentException("overlord.agent.cli.max-line-size must be >= 1 KiB");
        if (maxOutputBytes < maxLineBytes) {
            throw new IllegalArgumentException("overlord.agent.cli.max-output-size must be >= max-line-size");
        }
        if (maxStderrBytes < 256)
            throw new IllegalArgumentException("overlord.agent.cli.max-stderr-size must be >= 256 B");
        if (killGrace.isNegative() || killGrace.isZero()) {
            throw new IllegalArgumentException("overlord.agent.cli.kill-grace must be positive");
        }
    }

    /**
     * Reads {@code overlord.agent.cli}. An empty {@code workdir} is {@code <data-dir>/agent-cli}
     * ({@code overlord.data-dir}, else {@code ./data}); an empty {@code home} is the workdir; an
     * empty {@code path} or {@code lang} is the server's own. {@code command} and {@code pass-env}
     * may be a list or, from the environment, a string ({@code CLAUDE_BIN} is one path,
     * {@code AGENT_CLI_PASS_ENV} a comma-separated list of names).
     */
    public static CliSettings from(Config root) {
        Config c = root.getConfig("overlord.agent.cli");
        Path dataDir = Path.of(root.hasPath("overlord.data-dir") ? root.getString("overlord.data-dir") : "data");
        String workdirSetting = c.getString("workdir").trim();
        Path workdir = (workdirSetting.isEmpty() ? dataDir.resolve("agent-cli") : Path.of(workdirSetting))
                .toAbsolutePath()
                .normalize();
        String homeSetting = c.getString("home").trim();
        Path home = homeSetting.isEmpty()
                ? workdir
                : Path.of(homeSetting).toAbsolutePath().normalize();
        String path = c.getString("path").trim();
        if (path.isEmpty()) path = Objects.requireNonNullElse(System.getenv("PATH"), "/usr/local/bin:/usr/bin:/bin");
        String lang = c.getString("lang").trim();
        if (lang.isEmpty()) lang = Objects.requireNonNullElse(System.getenv("LANG"), "C.UTF-8");
        return new CliSettings(
                c.getValue("command").valueType() == ConfigValueType.STRING
                        ? List.of(c.getString("command").trim())
                        : c.getStringList("command"),
                workdir,
                home,
                path,
                lang,
                c.getValue("pass-env").valueType() == ConfigValueType.STRING
                        ? Arrays.stream(c.getString("pass-env").split("[,\\s]+"))
                                .filter(s -> !s.isEmpty())
                                .toList()
                        : c.getStringList("pass-env"),
                c.getString("model").trim(),
                c.getStringList("extra-allowed-tools"),
                c.getStringList("disallowed-tools"),
                c.getString("permission-mode").trim(),
                c.getString("mcp-server-main").trim(),
                c.getStringList("mcp-server-jvm-options"),
                Math.toIntExact(c.getBytes("max-line-size")),
                c.getBytes("max-output-size"),
                Math.toIntExact(c.getBytes("max-stderr-size")),
                c.getDuration("kill-grace"));
    }

    /**
     * Where the client keeps the transcripts of this workdir's sessions, one
     * {@code <session>.jsonl} each: {@code <home>/.claude/projects/<workdir with every
     * non-alphanumeric character replaced by '-'>}.
     */
    public Path sessionsDir() {
        StringBuilder encoded = new StringBuilder();
        workdir.toString().codePoints().forEach(cp -> {
            if (cp < 128 && Character.isLetterOrDigit(cp)) encoded.appendCodePoint(cp);
            else encoded.append('-');
        });
        return home.resolve(".claude").resolve("projects").resolve(encoded.toString());
    }

    private static void checkPassable(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "overlord.agent.cli.pass-env (AGENT_CLI_PASS_ENV): '" + name + "' is not an environment name");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (REFUSED_NAMES.contains(upper) || REFUSED_PREFIXES.stream().anyMatch(upper::startsWith)) {
            throw new IllegalArgumentException("overlord.agent.cli.pass-env (AGENT_CLI_PASS_ENV): " + name
                    + " is one of the server's own settings or secrets and is never given to the client");
        }
    }
}
