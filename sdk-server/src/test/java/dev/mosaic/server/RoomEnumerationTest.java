package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.room.RoomNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms cannot be found by guessing: generated room ids are random, and without a valid token (or
 * the app secret) every answer about a room that exists is the same as about one that does not.
 */
class RoomEnumerationTest {
    private static final String EXISTING = "board-meeting";
    private static final String MISSING = "board-meeting-2";

    private final HttpClient http = HttpClient.newHttpClient();
    private MosaicServer server;

    @BeforeEach
    void aRoomIsGoingOn() throws Exception {
        server = TestServers.builder().start();
        RawClient ceo = RawClient.connect(server);
        ceo.joinAs(EXISTING, token(server, EXISTING, "CEO", Role.HOST));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void roomsCreatedWithoutANameGetRandomUnguessableIds() throws Exception {
        HttpResponse<String> first = call("POST", "/api/rooms", "{\"waitingRoom\":true}", TestServers.SECRET);
        HttpResponse<String> second = call("POST", "/api/rooms", "{}", TestServers.SECRET);
        assertEquals(201, first.statusCode());
        String a = JsonParser.parseString(first.body())
                .getAsJsonObject()
                .get("room")
                .getAsString();
        String b = JsonParser.parseString(second.body())
                .getAsJsonObject()
                .get("room")
                .getAsString();
        assertNotEquals(a, b);
        assertEquals(22, a.length(), "128 random bits in base64url");
        assertTrue(RoomNames.isValid(a));
        assertTrue(JsonParser.parseString(first.body())
                .getAsJsonObject()
                .get("waitingRoom")
                .getAsBoolean());

        RawClient host = RawClient.connect(server);
        assertEquals(
                "joined",
                host.join(a, token(server, a, "Host", Role.HOST)).get("type").getAsString());
    }

    @Test
    void joinErrorsWithoutAValidTokenAreTheSameWhetherTheRoomExistsOrNot() throws Exception {
        Instant now = Instant.now();
        JoinTokens other = new JoinTokens("some-other-app-secret-some-other-app".getBytes(StandardCharsets.UTF_8));
        List<java.util.function.Function<String, String>> badTokens = List.of(
                room -> "",
                room -> "not-a-jwt",
                room -> "a.b.c",
                room -> other.issue(room, "u", "U", Role.HOST, Duration.ofMinutes(5)),
                room -> server.tokens()
                        .issue(new JoinTokenClaims(
                                room,
                                "u",
                                "U",
                                Role.HOST,
                                now.minus(Duration.ofHours(2)),
                                now.minus(Duration.ofHours(1)),
                                "expired-" + room)),
                room -> server.tokens()
                        .issue(new JoinTokenClaims(
                                room,
                                "u",
                                "U",
                                Role.HOST,
                                now.plus(Duration.ofHours(1)),
                                now.plus(Duration.ofHours(2)),
                                "early-" + room)),
                room -> token(server, "some-third-room", "U", Role.HOST),
                room -> b64("{\"alg\":\"none\"}") + "."
                        + token(server, room, "U", Role.HOST).split("\\.")[1] + ".");
        List<String> seen = new ArrayList<>();
        for (var bad : badTokens) {
            String existing = errorFor(EXISTING, bad.apply(EXISTING));
            String missing = errorFor(MISSING, bad.apply(MISSING));
            assertEquals(existing, missing, "the answer must not tell whether the room exists");
            seen.add(existing);
        }
        assertEquals(8, seen.size());
        assertTrue(seen.stream().noneMatch(e -> e.contains(EXISTING) || e.contains(MISSING)), seen.toString());
    }

    @Test
    void restAnswersWithoutTheSecretAreTheSameWhetherTheRoomExistsOrNot() throws Exception {
        for (String secret : new String[] {null, "wrong-secret"}) {
            for (String[] call : new String[][] {
                {"GET", "/api/rooms/%s", null},
                {"DELETE", "/api/rooms/%s", null},
                {"GET", "/api/rooms/%s/attendance", null},
                {"POST", "/api/rooms/%s/tokens", "{\"userId\":\"spy\"}"}
            }) {
                HttpResponse<String> existing = call(call[0], call[1].formatted(EXISTING), call[2], secret);
                HttpResponse<String> missing = call(call[0], call[1].formatted(MISSING), call[2], secret);
                assertEquals(401, existing.statusCode());
                assertEquals(existing.statusCode(), missing.statusCode());
                assertEquals(existing.body(), missing.body());
            }
        }
        assertEquals(1, server.rooms().roomCount(), "nothing was ended or created");
    }

    @Test
    void theEmbedPageIsTheSameForEveryRoomName() throws Exception {
        String existing = call("GET", "/embed/" + EXISTING, null, null).body();
        String missing = call("GET", "/embed/" + MISSING, null, null).body();
        assertEquals(existing.replace(EXISTING, "ROOM"), missing.replace(MISSING, "ROOM"));
    }

    private String errorFor(String room, String token) throws Exception {
        RawClient c = RawClient.connect(server);
        try {
            c.send("{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}");
            JsonObject reply = c.next();
            assertEquals("error", reply.get("type").getAsString(), reply.toString());
            return reply.toString();
        } finally {
            c.closeBlocking();
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
