package dev.overlord.agent.assistant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Bearer tokens for the tools, one per running question: random, valid from the question's start
 * to its end, never written to a log or the audit file. At most as many exist as questions run.
 */
final class QuestionTokens implements Predicate<String> {
    private static final int MAX_TOKEN = 128;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> live = ConcurrentHashMap.newKeySet();

    String issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "oq_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        live.add(token);
        return token;
    }

    void revoke(String token) {
        live.remove(token);
    }

    /** Whether {@code candidate} is a running question's token (compared in constant time). */
    @Override
    public boolean test(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_TOKEN) return false;
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (String token : live) {
            found |= MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given);
        }
        return found;
    }

    int live() {
        return live.size();
    }
}
