package dev.overlord.http.status;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import org.apache.pekko.http.javadsl.server.Route;

/** The browser app, served from the webapp module's classpath resources at {@code /}. */
public final class WebAppRoutes {
    private WebAppRoutes() {}

    public static Route route() {
        return get(() -> concat(
                pathSingleSlash(() -> getFromResource("webapp/index.html")), getFromResourceDirectory("webapp")));
    }
}
