package dev.overlord.http.auth;

import com.typesafe.config.Config;
import dev.overlord.http.load.Bulkhead;
import java.time.Duration;

/**
 * Limits on {@code POST /login} and on session checks, read once from {@code overlord.auth.login}
 * and {@code overlord.auth.session-refresh}.
 *
 * @param throttle the failed-login rules
 * @param gate password checks that run at once (on threads of their own) and that may wait; beyond
 *     them a login gets 503 at once
 * @param maxWait a waiting check older than this is not started (503)
 * @param maxBodyBytes largest login body; a larger one is 413 before it is read further
 * @param sessionRefresh how often this node rereads session versions (revocations made elsewhere)
 */
public record LoginSettings(
        LoginThrottle.Rules throttle,
        Bulkhead.Settings gate,
        Duration maxWait,
        long maxBodyBytes,
        Duration sessionRefresh) {

    public static LoginSettings from(Config root) {
        Config c = root.getConfig("overlord.auth.login");
        return new LoginSettings(
                new LoginThrottle.Rules(
                        c.getInt("free-attempts"),
                        c.getDuration("max-backoff"),
                        c.getInt("name-free-attempts"),
                        c.getDuration("name-max-backoff"),
                        c.getDuration("forget-after"),
                        c.getInt("max-tracked"),
                        c.getDuration("remember-success-for")),
                new Bulkhead.Settings(c.getInt("concurrency"), c.getInt("queue")),
                c.getDuration("max-wait"),
                c.getBytes("max-body-size"),
                root.getDuration("overlord.auth.session-refresh"));
    }
}
