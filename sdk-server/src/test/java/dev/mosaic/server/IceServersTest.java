package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.IceServer;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.ice.TurnConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code joined} tells browsers about ICE: STUN as configured, TURN credentials per participant, the policy. */
class IceServersTest {

    @Test
    void eachParticipantGetsItsOwnTurnCredentialsAndTheRelayPolicy() throws Exception {
        try (MosaicServer server = TestServers.builder()
                .iceServer(new IceServer(List.of("stun:stun.example.org:3478")))
                .turn(new TurnConfig(List.of("turn:turn.example.org:3478"), new byte[24], Duration.ofHours(2)))
                .relayOnly(true)
                .start()) {
            RawClient ada = RawClient.connect(server);
            RawClient bob = RawClient.connect(server);
            JsonObject adaJoined = ada.join("class", token(server, "class", "Ada", Role.PARTICIPANT));
            JsonObject bobJoined = bob.join("class", token(server, "class", "Bob", Role.PARTICIPANT));

            assertEquals("relay", adaJoined.get("iceTransportPolicy").getAsString());
            JsonArray servers = adaJoined.getAsJsonArray("iceServers");
            assertEquals(
                    "stun:stun.example.org:3478",
                    servers.get(0)
                            .getAsJsonObject()
                            .getAsJsonArray("urls")
                            .get(0)
                            .getAsString());
            assertFalse(servers.get(0).getAsJsonObject().has("username"));
            String adaUser = servers.get(1).getAsJsonObject().get("username").getAsString();
            String bobUser = bobJoined
                    .getAsJsonArray("iceServers")
                    .get(1)
                    .getAsJsonObject()
                    .get("username")
                    .getAsString();
            String adaId = adaJoined.getAsJsonObject("you").get("id").getAsString();
            // "expiry:participantId": about two hours ahead, naming the stay, not the user.
            assertEquals(adaId, adaUser.substring(adaUser.indexOf(':') + 1));
            long expiry = Long.parseLong(adaUser.substring(0, adaUser.indexOf(':')));
            long now = System.currentTimeMillis() / 1000;
            assertEquals(7200, expiry - now, 60);
            assertNotEquals(adaUser, bobUser);
            ada.close();
            bob.close();
        }
    }

    @Test
    void withoutTurnJoinedCarriesNoPolicy() throws Exception {
        try (MosaicServer server = TestServers.builder().start()) {
            RawClient ada = RawClient.connect(server);
            JsonObject joined = ada.join("class", token(server, "class", "Ada", Role.PARTICIPANT));
            assertFalse(joined.has("iceTransportPolicy"));
            assertEquals(0, joined.getAsJsonArray("iceServers").size());
            ada.close();
        }
    }
}
