package dev.overlord.net;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP client's response body read into memory up to a bound: past it the rest is never read
 * (the subscription is cancelled) and the body says it was cut, so an answer of any size costs at
 * most the bound. Every outgoing call of the server (webhooks, Discord's REST API, the game's
 * status page, the assistant's chat API) reads its answers through it.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {

    /**
     * @param bytes what was read, at most the bound
     * @param truncated the body went on past the bound
     */
    public record Body(byte[] bytes, boolean truncated) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    public BoundedBody(int max) {
        if (max < 0) throw new IllegalArgumentException("max must not be negative");
        this.max = max;
    }

    /** Bodies read up to {@code max} bytes. */
    public static HttpResponse.BodyHandler<Body> handler(int max) {
        return info -> new BoundedBody(max);
    }

    /** Bodies as UTF-8 text, cut at {@code max} bytes. */
    public static HttpResponse.BodyHandler<String> text(int max) {
        return info -> HttpResponse.BodySubscribers.mapping(new BoundedBody(max), Body::text);
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) return;
        for (ByteBuffer b : items) {
            int room = max - out.size();
            if (b.remaining() > room) {
                byte[] part = new byte[room];
                b.get(part);
                out.writeBytes(part);
                result.complete(new Body(out.toByteArray(), true));
                subscription.cancel();
                return;
            }
            byte[] all = new byte[b.remaining()];
            b.get(all);
            out.writeBytes(all);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(out.toByteArray(), false));
    }
}
