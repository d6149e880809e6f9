package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API as a host application's backend calls it. */
class RestApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private MosaicServer server;

    @BeforeEach
    void start() {
        server = TestServers.builder().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private record Reply(int status, JsonElement body) {
        JsonObject json() {
            return body.getAsJsonObject();
        }
    }

    private Reply call(String method, String path, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JsonParser.parseString(response.body()));
    }

    private Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, TestServers.SECRET);
    }

    @Test
    void everyCallNeedsTheAppSecret() throws Exception {
        Reply none = call("GET", "/api/rooms", null, null);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().get("code").getAsString());
        assertEquals(
                401,
                call("POST", "/api/rooms/x/tokens", "{\"userId\":\"u\"}", "not-the-secret")
                        .status());
    }

    @Test
    void createIssueJoinInspectEndAndReadAttendance() throws Exception {
        Reply created = call(
                "POST",
                "/api/rooms",
                "{\"room\":\"maths-101\",\"e2ee\":true,\"capacity\":30,\"passcode\":\"4711\",\"waitingRoom\":false}");
        assertEquals(201, created.status());
        assertTrue(created.json().get("e2ee").getAsBoolean());
        assertTrue(created.json().get("passcode").getAsBoolean());
        assertEquals(30, created.json().get("capacity").getAsInt());
        assertEquals(409, call("POST", "/api/rooms", "{\"room\":\"maths-101\"}").status());

        Reply issued = call(
                "POST",
                "/api/rooms/maths-101/tokens",
                "{\"userId\":\"t1\",\"name\":\"Ms. Lovelace\",\"role\":\"host\",\"ttlSeconds\":600}");
        assertEquals(201, issued.status());
        String token = issued.json().get("token").getAsString();

        RawClient teacher = RawClient.connect(server);
        JsonObject joined = teacher.join("maths-101", token);
        assertEquals("Ms. Lovelace", joined.getAsJsonObject("you").get("name").getAsString());
        assertEquals("host", joined.getAsJsonObject("you").get("role").getAsString());
        assertTrue(joined.get("e2ee").getAsBoolean());

        Reply state = call("GET", "/api/rooms/maths-101", null);
        assertEquals(200, state.status());
        JsonArray participants = state.json().getAsJsonArray("participants");
        assertEquals(1, participants.size());
        assertFalse(state.json().toString().contains("4711"), "the passcode must never be shown");
        assertEquals(1, call("GET", "/api/rooms", null).body().getAsJsonArray().size());

        Reply ended = call("DELETE", "/api/rooms/maths-101", null);
        assertEquals(200, ended.status());
        assertEquals("ended", teacher.next("left").get("reason").getAsString());
        assertEquals(404, call("GET", "/api/rooms/maths-101", null).status());

        Reply attendance = call("GET", "/api/rooms/maths-101/attendance", null);
        assertEquals(200, attendance.status());
        JsonObject stay = attendance.json().getAsJsonArray("records").get(0).getAsJsonObject();
        assertEquals("t1", stay.get("userId").getAsString());
        assertEquals("ended", stay.get("reason").getAsString());
        assertTrue(stay.get("leftAt").getAsString().endsWith("Z"));
    }

    @Test
    void badRequestsAreExplained() throws Exception {
        assertEquals(
                "bad_request",
                call("POST", "/api/rooms", "{\"room\":\"no spaces please\"}")
                        .json()
                        .get("code")
                        .getAsString());
        assertEquals(
                400,
                call("POST", "/api/rooms", "{\"room\":\"r\",\"capacity\":-1}").status());
        assertEquals(400, call("POST", "/api/rooms", "[1]").status());
        assertEquals(
                400,
                call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u\",\"role\":\"king\"}")
                        .status());
        assertEquals(400, call("POST", "/api/rooms/r/tokens", "{}").status());
        assertEquals(
                400,
                call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u\",\"ttlSeconds\":99999999}")
                        .status());
        assertEquals(404, call("DELETE", "/api/rooms/nothing-here", null).status());
        assertEquals(
                404, call("GET", "/api/rooms/nothing-here/attendance", null).status());
    }
}
