package dev.mosaic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embed page and widget files as a host page's browser fetches them. */
class EmbedPageTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private MosaicServer server;

    @BeforeEach
    void start() {
        server = MosaicServer.builder()
                .port(0)
                .devMode(true)
                .allowedOrigin("https://school.example.org")
                .allowedOrigin("http://127.0.0.1:8000")
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.localUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyTheAllowedOriginsMayFrameTheMeeting() throws Exception {
        HttpResponse<String> page = get("/embed/maths-101");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'self' https://school.example.org http://127.0.0.1:8000"), csp);
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
        assertTrue(
                page.body().contains("content=\"https://school.example.org http://127.0.0.1:8000\""),
                "the app learns which parents it may talk to");
        assertTrue(page.body().contains("content=\"maths-101\""));
    }

    @Test
    void aBadRoomNameIsNotFound() throws Exception {
        HttpResponse<String> page = get("/embed/no%20such%20room");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("letters, digits"), page.body());
    }

    @Test
    void servesTheLoaderTheAppAndTheTypes() throws Exception {
        for (String file : new String[] {
            "/mosaic/mosaic.js", "/mosaic/mosaic-app.js", "/mosaic/mosaic-app.css", "/mosaic/mosaic.d.ts"
        }) {
            HttpResponse<String> res = get(file);
            assertEquals(200, res.statusCode(), file);
            assertEquals(
                    "nosniff",
                    res.headers().firstValue("X-Content-Type-Options").orElse(""),
                    file);
        }
        assertTrue(get("/mosaic/mosaic.js").body().contains("mosaic-meeting"), "the loader defines the custom element");
        assertTrue(get("/mosaic/mosaic.d.ts").body().contains("interface MountOptions"));
    }
}
