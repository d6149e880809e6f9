package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Replays vectors/wmx1-session-transcript.json as carol; the widget's wmx1-session test replays the
 * same file, so a browser and a Java client reach the same conclusions from the same messages.
 */
class SessionTranscriptTest {
    private static final JsonObject T = TestVectors.load("wmx1-session-transcript.json");

    @Test
    void carolReachesEveryExpectedConclusion() {
        E2eeSession carol = new E2eeSession(SessionTranscriptWriter.config("carol", new ManualClock()));
        assertEquals(T.getAsJsonObject("carol").getAsJsonObject("hello"), carol.hello());
        int steps = 0;
        for (JsonElement e : T.getAsJsonArray("steps")) {
            JsonObject step = e.getAsJsonObject();
            assertEquals(
                    step.getAsJsonObject("expect"),
                    SessionRelay.result(carol, step.getAsJsonObject("message")),
                    "step " + steps + ": " + step.getAsJsonObject("message").get("type"));
            steps++;
        }
        assertEquals(11, steps);
        assertEquals(2, carol.currentRoster().epoch());
    }
}
