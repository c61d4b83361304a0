package dev.overlord.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a tool's answer within what a model should read: the longest lists are cut (their first
 * entries kept) until the JSON text fits, and the answer says which lists were cut from how many
 * entries, so the model can ask a narrower question.
 */
public final class AnswerBound {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnswerBound() {}

    /**
     * {@code answer} itself when its JSON text is at most {@code maxChars}; otherwise a copy with
     * lists cut and a {@code "truncated"} note ({@code {"note":..., "lists":{"items":{"kept":n,"of":m}}}}).
     */
    public static ObjectNode cap(ObjectNode answer, int maxChars) {
        if (answer.toString().length() <= maxChars) return answer;
        ObjectNode out = answer.deepCopy();
        Map<String, int[]> cut = new LinkedHashMap<>();
        // Each round halves the list holding the most text; a list is never cut below one entry.
        for (int round = 0; round < 64 && out.toString().length() > maxChars; round++) {
            Found biggest = biggest(out, "");
            if (biggest == null) break;
            ArrayNode a = biggest.array;
            int before = a.size();
            int keep = Math.max(1, before / 2);
            while (a.size() > keep) a.remove(a.size() - 1);
            cut.computeIfAbsent(biggest.path, k -> new int[] {0, before})[0] = keep;
        }
        ObjectNode note = F.objectNode();
        if (out.toString().length() > maxChars) {
            // Still too long without lists to cut (one huge value): say so rather than send it.
            String text = out.toString();
            ObjectNode small = F.objectNode();
            small.putObject("truncated")
                    .put(
                            "note",
                            "the answer was " + text.length() + " characters, more than the " + maxChars
                                    + " a tool may return; ask for less")
                    .put("preview", text.substring(0, Math.max(0, Math.min(text.length(), maxChars / 2))));
            return small;
        }
        note.put(
                "note",
                "lists were cut to keep this answer under " + maxChars
                        + " characters; narrow the question (filters, a smaller limit) to see the rest");
        ObjectNode lists = note.putObject("lists");
        cut.forEach((path, n) -> lists.putObject(path).put("kept", n[0]).put("of", n[1]));
        out.set("truncated", note);
        return out;
    }

    private record Found(ArrayNode array, String path, int chars) {}

    private static Found biggest(JsonNode node, String path) {
        Found best = null;
        if (node.isArray()) {
            if (node.size() > 1)
                best = new Found(
                        (ArrayNode) node,
                        path.isEmpty() ? "$" : path,
                        node.toString().length());
            for (int i = 0; i < node.size(); i++) best = larger(best, biggest(node.get(i), path + "[]"));
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                best = larger(best, biggest(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            }
        }
        return best;
    }

    private static Found larger(Found a, Found b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.chars > a.chars ? b : a;
    }
}
