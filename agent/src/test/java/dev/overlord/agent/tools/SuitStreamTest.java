package dev.overlord.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A suitbuilder event stream read as a browser reads it: results inserted at their rank, kept to the count asked. */
class SuitStreamTest {
    @Test
    void resultsAreRankedAndCutAndDoneIsKept() {
        String stream = """
                event: progress
                data: {"checked":1,"elapsed_ms":1,"best_score":null}

                event: result
                data: {"rank":1,"score":10}

                : heartbeat

                event: result
                data: {"rank":1,"score":30}

                event: result
                data: {"rank":2,"score":20}

                event: done
                data: {"reason":"complete","checked":9,"elapsed_ms":5}

                """;
        JsonNode out = OverlordTools.suits(stream, 2);
        assertEquals(2, out.path("suits").size());
        assertEquals(30, out.path("suits").get(0).path("score").asInt());
        assertEquals(20, out.path("suits").get(1).path("score").asInt());
        assertEquals(2, out.path("suits").get(1).path("rank").asInt());
        assertEquals("complete", out.path("done").path("reason").asText());
    }

    @Test
    void aStreamWithoutResultsSaysNoSuitFit() {
        JsonNode out = OverlordTools.suits("event: done\ndata: {\"reason\":\"complete\"}\n\n", 3);
        assertEquals(0, out.path("suits").size());
        assertEquals("no suit met every constraint", out.path("note").asText());
    }

    @Test
    void aNameBecomesOnePathSegment() {
        assertEquals("Larsson%20Jr", OverlordTools.segment("Larsson Jr"));
        assertEquals("a%2F..%2Fb%3Fx%3D1", OverlordTools.segment("a/../b?x=1"));
    }
}
