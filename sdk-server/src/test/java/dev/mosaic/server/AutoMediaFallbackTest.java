package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Role;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code auto} rooms without a media server to move to (docs/sfu.md): the room passes its threshold,
 * stays a mesh that goes on working, and its hosts (only they) get {@code sfu_unavailable}. Also the
 * settings: REST, builder and flags; and mesh messages refused once a room's media go through the SFU.
 */
class AutoMediaFallbackTest {

    private static JsonObject create(MosaicServer server, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/rooms"))
                                .header("Authorization", "Bearer " + TestServers.SECRET)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject state(MosaicServer server, String room) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/rooms/" + room))
                                .header("Authorization", "Bearer " + TestServers.SECRET)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** Ids the server gave, by the client that joined. */
    private final Map<RawClient, String> ids = new java.util.HashMap<>();

    /** Joins as {@code name} and returns the client, its joined message checked for mesh. */
    private RawClient joinMesh(MosaicServer server, String room, String name, Role role) throws Exception {
        RawClient c = RawClient.connect(server);
        JsonObject joined = c.join(room, TestServers.token(server, room, name, role));
        assertEquals("joined", joined.get("type").getAsString(), joined.toString());
        assertEquals("mesh", joined.get("media").getAsString(), "an auto room starts as a mesh");
        ids.put(c, joined.getAsJsonObject("you").get("id").getAsString());
        return c;
    }

    @Test
    void anAutoRoomOnAServerWithoutJanusStaysAMeshAndTellsItsHosts() throws Exception {
        try (MosaicServer server = TestServers.builder().start()) {
            JsonObject created = create(server, "{\"room\":\"grows\",\"media\":\"auto\",\"sfuThreshold\":2}", 201);
            assertEquals("auto", created.get("media").getAsString());
            assertEquals("mesh", created.get("mediaNow").getAsString());
            assertEquals(2, created.get("sfuThreshold").getAsInt());

            RawClient host = joinMesh(server, "grows", "Ada", Role.HOST);
            RawClient bob = joinMesh(server, "grows", "Bob", Role.PARTICIPANT);
            host.next("participantJoined");
            RawClient cleo = joinMesh(server, "grows", "Cleo", Role.PARTICIPANT);
            JsonObject notice = host.next("error");
            assertEquals("sfu_unavailable", notice.get("code").getAsString(), notice.toString());
            assertFalse(notice.has("id"), "a notice, not the answer to a request: " + notice);
            assertTrue(notice.get("message").getAsString().contains("stays a mesh"), notice.toString());

            // The mesh goes on: an offer still reaches its peer, and nobody else got the notice.
            bob.send("{\"v\":1,\"type\":\"offer\",\"to\":\"" + ids.get(cleo) + "\",\"sdp\":\"v=0\"}");
            JsonObject offer = cleo.next("offer");
            assertEquals("v=0", offer.get("sdp").getAsString());
            assertEquals("mesh", state(server, "grows").get("mediaNow").getAsString());
            assertEquals("participantJoined", bob.next().get("type").getAsString());
            bob.expectNothing(Duration.ofMillis(300));
            host.close();
            bob.close();
            cleo.close();
        }
    }

    @Test
    void anAutoRoomWhoseJanusDoesNotAnswerStaysAMesh() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // closed again below: nothing listens there
        }
        try (MosaicServer server = TestServers.builder()
                .media(MediaMode.AUTO)
                .sfuThreshold(1)
                .janusUrl(URI.create("ws://127.0.0.1:" + closedPort))
                .janusAdminKey("key")
                .start()) {
            RawClient host = joinMesh(server, "no-answer", "Ada", Role.HOST);
            RawClient bob = joinMesh(server, "no-answer", "Bob", Role.PARTICIPANT);
            JsonObject notice = host.next("error");
            assertEquals("sfu_unavailable", notice.get("code").getAsString(), notice.toString());
            assertTrue(notice.get("message").getAsString().contains("did not answer"), notice.toString());
            JsonObject roomState = state(server, "no-answer");
            assertEquals("auto", roomState.get("media").getAsString());
            assertEquals("mesh", roomState.get("mediaNow").getAsString());
            assertEquals(1, roomState.get("sfuThreshold").getAsInt());
            bob.send("{\"v\":1,\"type\":\"candidate\",\"to\":\"" + ids.get(host) + "\",\"candidate\":"
                    + "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\",\"sdpMid\":\"0\"}}");
            host.next("candidate");
            // The next arrival tries again, and hears the same.
            RawClient cleo = joinMesh(server, "no-answer", "Cleo", Role.PARTICIPANT);
            assertEquals("sfu_unavailable", host.next("error").get("code").getAsString());
            host.close();
            bob.close();
            cleo.close();
        }
    }

    @Test
    void meshMessagesInARoomWhoseMediaGoThroughTheSfuGetAClearError() throws Exception {
        try (MosaicServer server = TestServers.builder().start()) {
            create(server, "{\"room\":\"class\",\"media\":\"sfu\"}", 201);
            RawClient ada = RawClient.connect(server);
            ada.joinAs("class", TestServers.token(server, "class", "Ada", Role.HOST));
            RawClient bob = RawClient.connect(server);
            String bobId = bob.joinAs("class", TestServers.token(server, "class", "Bob", Role.PARTICIPANT));
            for (String type : new String[] {"offer", "answer"}) {
                ada.send("{\"v\":1,\"type\":\"" + type + "\",\"id\":\"m1\",\"to\":\"" + bobId + "\",\"sdp\":\"v=0\"}");
                JsonObject error = ada.next("error");
                assertEquals("bad_request", error.get("code").getAsString(), error.toString());
                assertEquals("m1", error.get("id").getAsString());
                assertTrue(error.get("message").getAsString().contains("media server"), error.toString());
            }
            ada.send("{\"v\":1,\"type\":\"candidate\",\"to\":\"" + bobId + "\",\"candidate\":"
                    + "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\",\"sdpMid\":\"0\"}}");
            assertEquals("bad_request", ada.next("error").get("code").getAsString());
            ada.send("{\"v\":1,\"type\":\"view.constraints\",\"to\":\"" + bobId + "\",\"maxHeight\":180}");
            assertEquals("bad_request", ada.next("error").get("code").getAsString());
            // Nothing reached Bob, and Ada is still in: a chat goes round.
            ada.send("{\"v\":1,\"type\":\"chat\",\"text\":\"still here\"}");
            assertEquals("still here", bob.next("chat").get("text").getAsString());
            ada.close();
            bob.close();
        }
    }

    @Test
    void theThresholdIsSetPerServerAndPerRoomWithinBounds() throws Exception {
        Map<String, String> env = Map.of("MOSAIC_SECRET", TestServers.SECRET);
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--sfu-threshold", "0"}, env).plugin());
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--sfu-threshold", "51"}, env).plugin());
        IllegalStateException noJanus = assertThrows(
                IllegalStateException.class,
                () -> Main.parse(new String[] {"--media", "auto"}, env).plugin());
        assertTrue(noJanus.getMessage().contains("--janus-url"), noJanus.getMessage());
        try (MosaicServer server = TestServers.builder().start()) {
            JsonObject tooMany = create(server, "{\"media\":\"auto\",\"sfuThreshold\":51}", 400);
            assertEquals("bad_request", tooMany.get("code").getAsString());
            assertTrue(tooMany.get("message").getAsString().contains("sfuThreshold"), tooMany.toString());
            JsonObject byDefault = create(server, "{\"media\":\"auto\"}", 201);
            assertEquals(4, byDefault.get("sfuThreshold").getAsInt(), "the default threshold: 4");
            JsonObject mesh = create(server, "{\"media\":\"mesh\"}", 201);
            assertFalse(mesh.has("sfuThreshold") && !mesh.get("sfuThreshold").isJsonNull(), mesh.toString());
            assertEquals("mesh", mesh.get("mediaNow").getAsString());
        }
    }
}
