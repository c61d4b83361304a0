package dev.overlord.agent.tools;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The server's own HTTP API as the tools read it: each tool builds a path of that API and gets
 * back exactly what a client of it would, checks and limits included. The http module answers it
 * in-process from its routes.
 */
public interface ReadApi {
    /**
     * One answer: its status, content type and body text (the whole body, bounded by the
     * implementation; an answer over its bound fails the stage).
     */
    record Reply(int status, String contentType, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** {@code GET path?query}; each parameter may repeat. {@code path} is already URL-encoded. */
    CompletionStage<Reply> get(String path, Map<String, List<String>> query);

    /** {@code POST path} with a JSON body; the whole answer (a server-sent event stream too) is collected. */
    CompletionStage<Reply> postJson(String path, String json);
}
