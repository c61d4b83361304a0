package dev.overlord.discord;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most a given number of bytes of an answer's body and drops the rest, so a receiver
 * that answers with an endless body cannot fill the heap.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

    private final int max;
    private byte[] bytes;
    private int length;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(int max) {
        this.max = max;
        this.bytes = new byte[Math.min(max, 8_192)];
    }

    static HttpResponse.BodyHandler<String> handler(int maxBytes) {
        return info -> new BoundedBody(maxBytes);
    }

    @Override
    public CompletionStage<String> getBody() {
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
            int take = Math.min(b.remaining(), max - length);
            if (take > 0) {
                if (length + take > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(bytes.length * 2, length + take)));
                }
                b.get(bytes, length, take);
                length += take;
            }
            if (length >= max) {
                // Enough: complete now and stop the rest from being read.
                finish();
                subscription.cancel();
                return;
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        // What arrived is still useful (a status line was already read); an empty body is fine.
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        result.complete(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
}
