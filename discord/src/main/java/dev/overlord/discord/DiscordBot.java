package dev.overlord.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.net.BoundedBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rare bot: posts rares to the common or great channel, warns of vortexes seen in the monitored
 * character's chat, and tells the aclog channel when it starts and when the server loses or
 * regains all its plugins. Built on JDA; the server's guardian (or {@link BotMain}) starts it with
 * {@link #start} and feeds it live-feed messages through {@link #onFeed}.
 *
 * <p>Starting never throws and never blocks: JDA logs in on a thread of its own. A token Discord
 * refuses is a {@link Failed} state (for {@code /ready}) and the bot stays off; any other failure to
 * start is tried again with backoff.
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    /** Posts waiting for the first connection; beyond this many the oldest are dropped. */
    static final int MAX_PENDING = 256;
    /** Discord's limit on a message nonce. */
    static final int NONCE_LENGTH = Message.MAX_NONCE_LENGTH;

    /** Where the bot stands, as {@code /ready} reports it. */
    public sealed interface State {
        String describe();

        default boolean ready() {
            return this instanceof Ready;
        }
    }

    /** No token: the bot was never started. */
    public record Off() implements State {
        public String describe() {
            return "off";
        }
    }

    /** Logging in, or waiting to try again. */
    public record Starting() implements State {
        public String describe() {
            return "starting";
        }
    }

    /** Connected to the gateway; posts go out. */
    public record Ready() implements State {
        public String describe() {
            return "ready";
        }
    }

    /** Was ready and lost the gateway; JDA is resuming (posts wait in JDA's queue). */
    public record Reconnecting() implements State {
        public String describe() {
            return "reconnecting";
        }
    }

    /** Refused or broken; the reason never holds the token. */
    public record Failed(String reason) implements State {
        public String describe() {
            return "failed: " + reason;
        }
    }

    /** A token Discord refused: trying again cannot help. */
    static final class BadToken extends RuntimeException {
        BadToken(String message) {
            super(message, null, false, false);
        }
    }

    private record Post(long channel, Embed embed, String nonce) {}

    private final DiscordSettings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService starter;
    private final VortexWatch vortex;
    private final Backoff startBackoff;
    private final Object lock = new Object();
    private final ArrayDeque<Post> pending = new ArrayDeque<>();
    private final AtomicInteger pluginsLast = new AtomicInteger(-1);
    private final AtomicLong dropped = new AtomicLong();
    private volatile State state;
    private volatile JDA jda;
    private volatile boolean announced;
    private volatile boolean closed;

    private DiscordBot(DiscordSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.vortex = new VortexWatch(settings.monitorCharacter(), settings.vortexPhrase(), settings.vortexDebounce());
        this.startBackoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        this.starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "discord-bot-start");
            t.setDaemon(true);
            return t;
        });
        this.state = settings.botEnabled() ? new Starting() : new Off();
    }

    /**
     * Starts the bot when the token is set (else returns one in state {@link Off}), after saying
     * once in the log which parts of Discord are off and why.
     */
    public static DiscordBot start(DiscordSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    static DiscordBot start(DiscordSettings settings, Clock clock) {
        settings.offReasons().forEach(log::info);
        DiscordBot bot = new DiscordBot(settings, clock);
        if (settings.botEnabled()) bot.starter.execute(bot::login);
        return bot;
    }

    public State state() {
        return state;
    }

    /** One live-feed message (JSON text): rares are posted, the monitored chat is watched. */
    public void onFeed(String text) {
        if (!settings.botEnabled() || closed || text == null) return;
        if (text.length() > settings.maxFeedMessageBytes()) {
            dropped.incrementAndGet();
            return;
        }
        switch (FeedMessage.parse(json, text)) {
            case FeedMessage.Rare r -> postRare(r);
            case FeedMessage.Chat c -> {
                boolean warn;
                synchronized (lock) {
                    warn = vortex.warn(c, clock.instant());
                }
                if (warn) postVortex(c);
            }
            case FeedMessage.Other o -> {}
        }
    }

    /**
     * How many plugins are connected now, called periodically: the aclog channel hears when the
     * count drops to zero and when it comes back, never at other changes.
     */
    public void pluginsOnline(int count) {
        if (!settings.botEnabled() || closed) return;
        int now = Math.max(0, count);
        int before = pluginsLast.getAndSet(now);
        if (before > 0 && now == 0) {
            post(new Post(
                    settings.aclogChannel(),
                    new Embed(
                            "All plugins disconnected",
                            "The server has no plugin connected: no character is reporting.",
                            AlertEmbeds.RED,
                            List.of(),
                            clock.instant(),
                            "Overlord"),
                    null));
        } else if (before == 0 && now > 0) {
            post(new Post(
                    settings.aclogChannel(),
                    new Embed(
                            "Plugins back online",
                            now + (now == 1 ? " plugin is" : " plugins are") + " connected again.",
                            AlertEmbeds.GREEN,
                            List.of(),
                            clock.instant(),
                            "Overlord"),
                    null));
        }
    }

    /** A target posting alerts to a channel through this bot ({@code discord-channel:<id>}). */
    public AlertTarget channelTarget(long channelId) {
        return new DiscordChannelTarget(this, channelId, new Backoff(settings.backoffMin(), settings.backoffMax()));
    }

    /** Feed messages skipped for being too large. */
    public long dropped() {
        return dropped.get();
    }

    Optional<JDA> jda() {
        return Optional.ofNullable(jda);
    }

    DiscordSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        JDA j = jda;
        if (j != null) {
            j.shutdown();
            try {
                if (!j.awaitShutdown(Duration.ofSeconds(5))) j.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                j.shutdownNow();
            }
        }
    }

    // --- starting ---

    private void login() {
        if (closed) return;
        state = new Starting();
        try {
            JDABuilder b = JDABuilder.createLight(settings.botToken(), EnumSet.noneOf(GatewayIntent.class))
                    .setEnableShutdownHook(false)
                    .addEventListeners((EventListener) this::onEvent);
            if (settings.apiUrl().isPresent()) {
                URI api = settings.apiUrl().get();
                // Asked before JDA is built: a refusal here leaves no JDA threads behind.
                AskedGateway gateway = new AskedGateway(api, settings);
                gateway.ask();
                b.setRestConfig(new RestConfig().setBaseUrl(api.toString()))
                        .setSessionController(gateway)
                        .setCompression(Compression.NONE);
            }
            jda = b.build();
        } catch (InvalidTokenException e) {
            fail(new BadToken("Discord refused the bot token (DISCORD_RARE_BOT_TOKEN)"));
        } catch (BadToken e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        if (closed) return;
        if (e instanceof BadToken) {
            state = new Failed(e.getMessage());
            log.error("Discord bot off: {}", e.getMessage());
            return;
        }
        Duration after = startBackoff.next();
        String reason = scrub(describe(e)) + "; trying again in " + after.toSeconds() + " s";
        state = new Failed(reason);
        log.warn("Discord bot could not start: {}", reason);
        try {
            starter.schedule(this::login, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing to try again
        }
    }

    private void onEvent(GenericEvent event) {
        switch (event) {
            case ReadyEvent r -> {
                state = new Ready();
                startBackoff.reset();
                log.info("Discord bot ready as {}", r.getJDA().getSelfUser().getName());
                List<Post> waiting;
                synchronized (lock) {
                    waiting = List.copyOf(pending);
                    pending.clear();
                }
                if (!announced) {
                    announced = true;
                    send(new Post(
                            settings.aclogChannel(),
                            new Embed(
                                    "Overlord rare bot online",
                                    "Watching for rares"
                                            + (vortex.enabled()
                                                    ? " and for vortexes near " + settings.monitorCharacter()
                                                    : "")
                                            + ".",
                                    AlertEmbeds.BLUE,
                                    List.of(),
                                    clock.instant(),
                                    "Overlord"),
                            null));
                }
                waiting.forEach(this::send);
            }
            case ShutdownEvent s -> {
                if (closed) return;
                CloseCode code = s.getCloseCode();
                if (code == CloseCode.AUTHENTICATION_FAILED) {
                    fail(new BadToken("Discord refused the bot token (DISCORD_RARE_BOT_TOKEN, gateway close 4004)"));
                } else {
                    jda = null;
                    fail(new IllegalStateException(
                            "the gateway closed the session (" + (code == null ? s.getCode() : code.name()) + ")"));
                }
            }
            default -> {
                if (state instanceof Ready || state instanceof Reconnecting) {
                    JDA j = event.getJDA();
                    state = j.getStatus() == JDA.Status.CONNECTED ? new Ready() : new Reconnecting();
                }
            }
        }
    }

    // --- posting ---

    private void postRare(FeedMessage.Rare r) {
        boolean great = settings.isGreat(r.name());
        long channel = great ? settings.greatRareChannel() : settings.commonRareChannel();
        List<Embed.Field> fields = new ArrayList<>();
        fields.add(new Embed.Field("Character", r.characterName(), true));
        if (r.ew().isPresent() && r.ns().isPresent()) {
            fields.add(new Embed.Field("Location", location(r.ns().getAsDouble(), r.ew().getAsDouble()), true));
        }
        Embed e = new Embed(
                (great ? "Great rare: " : "Rare: ") + r.name(),
                r.characterName() + " found " + r.name() + ".",
                great ? AlertEmbeds.GOLD : AlertEmbeds.TEAL,
                fields,
                r.at(),
                "Overlord");
        // The same find seen twice (a replay after a reconnect) has the same nonce: Discord keeps one.
        post(new Post(channel, e, nonce("rare|" + r.characterName() + '|' + r.name() + '|' + r.at())));
    }

    private void postVortex(FeedMessage.Chat c) {
        Embed e = new Embed(
                "Vortex warning",
                c.characterName() + " sees a whirlwind of vortexes: " + c.text(),
                AlertEmbeds.PURPLE,
                List.of(new Embed.Field("Character", c.characterName(), true)),
                c.at(),
                "Overlord");
        post(new Post(settings.aclogChannel(), e, nonce("vortex|" + c.characterName() + '|' + c.at())));
    }

    private void post(Post p) {
        if (p.channel() == 0) return;
        if (!(state instanceof Ready || state instanceof Reconnecting)) {
            synchronized (lock) {
                // Re-checked under the lock: the ready handler drains the queue under it.
                if (!(state instanceof Ready || state instanceof Reconnecting)) {
                    if (pending.size() >= MAX_PENDING) {
                        pending.removeFirst();
                        dropped.incrementAndGet();
                    }
                    pending.addLast(p);
                    return;
                }
            }
        }
        send(p);
    }

    private void send(Post p) {
        if (p.channel() == 0) return;
        submit(p.channel(), p.embed(), p.nonce()).whenComplete((m, error) -> {
            if (error != null) log.warn("Discord post to channel {} failed: {}", p.channel(), scrub(describe(error)));
        });
    }

    /** Sends one embed to a channel; fails with {@link UnknownChannel} when the bot cannot see it. */
    CompletableFuture<Message> submit(long channel, Embed embed, String nonce) {
        JDA j = jda;
        if (j == null) return CompletableFuture.failedFuture(new IllegalStateException("the bot is not connected"));
        GuildMessageChannel c = j.getChannelById(GuildMessageChannel.class, channel);
        if (c == null) return CompletableFuture.failedFuture(new UnknownChannel(channel));
        try {
            var action =
                    c.sendMessageEmbeds(embed.toJda()).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
            if (nonce != null) action = action.setNonce(nonce);
            return action.timeout(settings.requestTimeout().toMillis() * 6, TimeUnit.MILLISECONDS)
                    .submit();
        } catch (RuntimeException e) {
            // A missing permission is found before sending.
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The bot does not see this channel (wrong id, or not in its guilds). */
    static final class UnknownChannel extends RuntimeException {
        UnknownChannel(long id) {
            super("channel " + id + " is not visible to the bot", null, false, false);
        }
    }

    static String nonce(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, NONCE_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String location(double ns, double ew) {
        return String.format(
                Locale.ROOT, "%.1f%s, %.1f%s", Math.abs(ns), ns >= 0 ? "N" : "S", Math.abs(ew), ew >= 0 ? "E" : "W");
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null || m.isBlank()
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + m;
    }

    /** Never lets the token into a log line or a state. */
    private String scrub(String s) {
        String t = settings.botToken();
        return t.isEmpty() ? s : s.replace(t, "***");
    }

    /**
     * The gateway a non-Discord REST base names in {@code GET gateway/bot}, as Discord itself
     * answers; asked at every (re)connect, as JDA asks its session controller.
     */
    static final class AskedGateway extends ConcurrentSessionController {
        private final URI api;
        private final DiscordSettings settings;
        private final HttpClient client;

        AskedGateway(URI api, DiscordSettings settings) {
            this.api = api;
            this.settings = settings;
            this.client = HttpClient.newBuilder()
                    .connectTimeout(settings.requestTimeout())
                    .build();
        }

        private volatile String known;

        @Override
        public String getGateway() {
            String k = known;
            if (k != null) {
                // JDA asks again at each reconnect; if the REST side is down then, the last answer serves.
                try {
                    return ask();
                } catch (RuntimeException e) {
                    return k;
                }
            }
            return ask();
        }

        String ask() {
            HttpRequest req = HttpRequest.newBuilder(api.resolve("gateway/bot"))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bot " + settings.botToken())
                    .GET()
                    .build();
            int status;
            String body;
            try {
                var response = client.send(req, BoundedBody.text(settings.maxResponseBytes()));
                status = response.statusCode();
                body = response.body();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(
                        "gateway/bot unreachable: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            if (status == 401) throw new BadToken("Discord refused the bot token (DISCORD_RARE_BOT_TOKEN, 401)");
            if (status != 200) throw new IllegalStateException("gateway/bot answered " + status);
            try {
                String url = new ObjectMapper().readTree(body).path("url").asText("");
                if (!url.startsWith("ws://") && !url.startsWith("wss://")) throw new IllegalStateException();
                known = url;
                return url;
            } catch (Exception e) {
                throw new IllegalStateException("gateway/bot gave no gateway URL");
            }
        }
    }
}
