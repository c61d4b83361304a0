package dev.overlord.http.serverhealth;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code max} bytes of a response body and then stops reading (the rest is never
 * buffered), so a status page of any size costs at most the bound.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {

    /** @param truncated the body went on past the bound */
    record Body(byte[] bytes, boolean truncated) {}

    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int max) {
        this.max = max;
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
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
