package dev.overlord.agent.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The query corpora in test resources: {@code sql/hostile.sql} (category|query) and {@code sql/benign.sql}. */
final class Corpus {
    private Corpus() {}

    /** One hostile query and the wall that stops it when the guard is bypassed. */
    record Hostile(String category, String sql) {
        @Override
        public String toString() {
            return category + "|" + sql;
        }
    }

    static List<Hostile> hostile() {
        List<Hostile> out = new ArrayList<>();
        for (String line : lines("sql/hostile.sql")) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                throw new IllegalStateException("hostile.sql line without a category: " + line);
            }
            out.add(new Hostile(line.substring(0, bar), line.substring(bar + 1)));
        }
        return out;
    }

    static List<String> benign() {
        return lines("sql/benign.sql");
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
