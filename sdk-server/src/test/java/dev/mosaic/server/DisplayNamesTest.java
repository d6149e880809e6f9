package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.room.DisplayNames;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Display names cannot impersonate: bidi overrides and invisible characters are removed wherever a
 * name comes from (the application's token, the REST API, LTI), so no name reads as another or ends in
 * a fake "(host)". Letters of every script stay.
 */
class DisplayNamesTest {
    private static final String RLO = "\u202E";
    private static final String ZWSP = "\u200B";

    @Test
    void bidiControlsAndInvisibleCharactersAreRemovedAndLettersKept() {
        assertEquals("Bob evil.exe", DisplayNames.clean("Bob " + RLO + "evil.exe"));
        assertEquals("Ada", DisplayNames.clean("A" + ZWSP + "d\u200Da\u2060\uFEFF"));
        assertEquals("Mallory (host)", DisplayNames.clean("\u2067Mallory\u2069 \u200E(host)\u200F"));
        assertEquals("Eve", DisplayNames.clean("Eve\u0000\u0007\u007F"));
        assertNull(DisplayNames.clean(ZWSP + "\u3164\u115F " + RLO), "nothing visible is left");
        assertEquals("Ada Lovelace", DisplayNames.clean("  Ada \u00A0\t Lovelace\u2003"));
        assertEquals("שלום עליכם", DisplayNames.clean("שלום עליכם"), "right-to-left letters are no controls");
        assertEquals("محمد", DisplayNames.clean("محمد"));
        // Joiners go too: an emoji sequence shows as its parts, the price of no invisible characters at all.
        assertEquals("José \uD83D\uDC69\uD83C\uDFEB", DisplayNames.clean("José \uD83D\uDC69\u200D\uD83C\uDFEB"));
    }

    @Test
    void namesAreCleanedOnJoinWhoeverIssuedTheToken() throws Exception {
        try (MosaicServer server = TestServers.builder().start()) {
            RawClient host = RawClient.connect(server);
            host.joinAs("r", TestServers.token(server, "r", "Teacher", Role.HOST));
            String forged = server.tokens()
                    .issue("r", "u-bob", "Bob" + RLO + "evil.exe" + ZWSP, Role.PARTICIPANT, Duration.ofMinutes(5));
            RawClient bob = RawClient.connect(server);
            JsonObject joined = bob.join("r", forged);
            assertEquals(
                    "Bobevil.exe", joined.getAsJsonObject("you").get("name").getAsString());
            assertEquals(
                    "Bobevil.exe",
                    host.next("participantJoined")
                            .getAsJsonObject("participant")
                            .get("name")
                            .getAsString(),
                    "the others see the cleaned name too");

            String invisible =
                    server.tokens().issue("r", "u-ghost", ZWSP + RLO, Role.PARTICIPANT, Duration.ofMinutes(5));
            RawClient ghost = RawClient.connect(server);
            assertEquals(
                    "u-ghost",
                    ghost.join("r", invisible)
                            .getAsJsonObject("you")
                            .get("name")
                            .getAsString(),
                    "a name with nothing visible falls back to the user id");

            ApiCalls api = new ApiCalls(server);
            ApiCalls.Reply issued =
                    api.call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u7\",\"name\":\"Al" + RLO + "an\"}");
            assertEquals(201, issued.status());
            String name = server.tokens()
                    .verify(issued.json().get("token").getAsString(), "r")
                    .displayName();
            assertEquals("Alan", name, "the REST API cleans the name it puts in the token");
            assertEquals(
                    400,
                    api.call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u8\",\"name\":\"" + ZWSP + RLO + "\"}")
                            .status());
        }
    }
}
