package dev.mosaic.core.e2ee;

import static dev.mosaic.core.e2ee.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Java participant joins a room keyed by browsers: replays vectors/wmx1-browser-leader-transcript.json,
 * written by the widget's own sessions (test/support/write-browser-leader-transcript.js), as javabot.
 * Java must produce the same hello and acks, install the same keys, show the same security codes
 * and read the browsers' chat.
 */
class BrowserLeaderTranscriptTest {
    private static final JsonObject T = TestVectors.load("wmx1-browser-leader-transcript.json");

    @Test
    void javaMemberReachesEveryConclusionTheBrowserReached() {
        JsonObject bot = T.getAsJsonObject("javabot");
        E2eeSession javabot = new E2eeSession(new E2eeSession.Config(
                T.get("roomId").getAsString(),
                T.get("sessionId").getAsString(),
                "javabot",
                bot.get("name").getAsString(),
                IdentityKey.fromPrivateKey(hex(bot, "ikPrivate")),
                EphemeralKey.fromPrivateKey(hex(bot, "ekPrivate")),
                null,
                List.of("chat"),
                new ManualClock(),
                n -> {
                    throw new AssertionError("a member replaying the transcript needs no randomness");
                }));
        assertEquals(bot.getAsJsonObject("hello"), javabot.hello());
        int steps = 0;
        for (JsonElement e : T.getAsJsonArray("steps")) {
            JsonObject step = e.getAsJsonObject();
            assertEquals(
                    step.getAsJsonObject("expect"),
                    SessionRelay.result(javabot, step.getAsJsonObject("message")),
                    "step " + steps + ": " + step.getAsJsonObject("message").get("type"));
            steps++;
        }
        assertEquals(11, steps);
        assertEquals("alice", javabot.currentRoster().leaderId());
    }
}
