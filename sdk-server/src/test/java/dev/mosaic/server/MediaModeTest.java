package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A room's media mode (mesh or sfu) as the REST API, joined and the sfu messages show it, without Janus. */
class MediaModeTest {
    private MosaicServer server;

    @BeforeEach
    void start() {
        server = TestServers.builder().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private JsonObject create(String body, int expectedStatus) throws Exception {
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

    @Test
    void roomsAreMeshesUnlessCreatedAsSfu() throws Exception {
        assertEquals("mesh", create("{\"room\":\"plain\"}", 201).get("media").getAsString());
        assertEquals(
                "sfu",
                create("{\"room\":\"class-30\",\"media\":\"sfu\"}", 201)
                        .get("media")
                        .getAsString());
        JsonObject refused = create("{\"room\":\"odd\",\"media\":\"p2p\"}", 400);
        assertEquals("bad_request", refused.get("code").getAsString());
        assertTrue(refused.get("message").getAsString().contains("mesh, sfu or auto"), refused.toString());

        RawClient joinedByName = RawClient.connect(server);
        assertEquals(
                "mesh",
                joinedByName
                        .join("never-created", TestServers.token(server, "never-created", "Ada", Role.HOST))
                        .get("media")
                        .getAsString());
        RawClient inClass = RawClient.connect(server);
        assertEquals(
                "sfu",
                inClass.join("class-30", TestServers.token(server, "class-30", "Ada", Role.HOST))
                        .get("media")
                        .getAsString());
    }

    @Test
    void sfuMessagesAreRefusedInAMeshAndUnavailableWithoutJanus() throws Exception {
        RawClient mesh = RawClient.connect(server);
        mesh.joinAs("mesh-room", TestServers.token(server, "mesh-room", "Ada", Role.HOST));
        mesh.send("{\"v\":1,\"type\":\"sfu.publish\",\"id\":\"p1\",\"source\":\"camera\",\"sdp\":\"v=0\"}");
        JsonObject meshError = mesh.next("error");
        assertEquals("bad_request", meshError.get("code").getAsString(), meshError.toString());
        assertEquals("p1", meshError.get("id").getAsString());

        create("{\"room\":\"no-janus\",\"media\":\"sfu\"}", 201);
        RawClient sfu = RawClient.connect(server);
        sfu.joinAs("no-janus", TestServers.token(server, "no-janus", "Ada", Role.HOST));
        sfu.send("{\"v\":1,\"type\":\"sfu.subscribe\",\"id\":\"s1\",\"want\":[]}");
        JsonObject unavailable = sfu.next("error");
        assertEquals("sfu_unavailable", unavailable.get("code").getAsString(), unavailable.toString());

        sfu.send("{\"v\":1,\"type\":\"sfu.publish\",\"id\":\"p2\",\"source\":\"webcam\",\"sdp\":\"v=0\"}");
        assertEquals("bad_request", sfu.next("error").get("code").getAsString());
        sfu.send("{\"v\":1,\"type\":\"sfu.candidate\",\"pc\":\"sideways\",\"candidate\":null}");
        assertEquals("bad_request", sfu.next("error").get("code").getAsString());
    }

    @Test
    void sfuAsTheDefaultNeedsAJanusAndTheFlagsNeedTheAdminKey() {
        IllegalStateException noJanus = assertThrows(
                IllegalStateException.class,
                () -> TestServers.builder().media(MediaMode.SFU).start());
        assertTrue(noJanus.getMessage().contains("--janus-url"), noJanus.getMessage());
        Map<String, String> env = Map.of("MOSAIC_SECRET", TestServers.SECRET);
        IllegalArgumentException noKey = assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--janus-url", "ws://127.0.0.1:8188"}, env));
        assertTrue(noKey.getMessage().contains("MOSAIC_JANUS_ADMIN_KEY"), noKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--media", "p2p"}, env));
        assertThrows(
                IllegalStateException.class,
                () -> Main.parse(
                                new String[] {"--janus-url", "http://127.0.0.1:8188"},
                                Map.of("MOSAIC_SECRET", TestServers.SECRET, "MOSAIC_JANUS_ADMIN_KEY", "k"))
                        .plugin());
    }
}
