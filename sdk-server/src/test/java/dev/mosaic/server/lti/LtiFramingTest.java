package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The LMS frames the launch page, which frames the meeting: the browser checks every ancestor, so
 * the embed page must allow the LMS as an ancestor, without letting the LMS talk to the meeting.
 */
class LtiFramingTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theMeetingPageAllowsRegisteredLmsPagesAsAncestorsOnly() throws Exception {
        LtiPlatform canvas = new LtiPlatform(
                "https://canvas.instructure.com",
                "10000000000001",
                URI.create("https://sso.canvaslms.com/api/lti/authorize_redirect"),
                URI.create("https://sso.canvaslms.com/api/lti/security/jwks"),
                java.util.Set.of("d"),
                java.util.List.of("https://school.instructure.com"));
        try (MosaicServer server = MosaicServer.builder()
                .port(0)
                .secret(dev.mosaic.server.MainAccess.SECRET)
                .allowedOrigin("https://site.example")
                .ltiPlatform(canvas)
                .start()) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(server.localUrl() + "/embed/lti-room"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(
                    csp.contains("frame-ancestors 'self' https://site.example https://canvas.instructure.com "
                            + "https://sso.canvaslms.com https://school.instructure.com"),
                    csp);
            assertTrue(
                    page.body().contains("<meta name=\"mosaic-allowed-origins\" content=\"https://site.example\">"),
                    "only allowed origins may send the meeting its token: " + page.body());
            HttpResponse<String> script = http.send(
                    HttpRequest.newBuilder(URI.create(server.localUrl() + "/lti/assets/launch.js"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, script.statusCode());
            assertTrue(script.body().contains("Mosaic.mount"));
        }
    }

    @Test
    void withoutPlatformsThereAreNoLtiRoutes() throws Exception {
        try (MosaicServer server = MosaicServer.builder()
                .port(0)
                .secret(dev.mosaic.server.MainAccess.SECRET)
                .start()) {
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create(server.localUrl() + "/lti/login?iss=x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, login.statusCode());
        }
    }

    @Test
    void theStandaloneServerReadsPlatformsFromAFile() throws Exception {
        Path file = Files.createTempFile("lti-", ".json");
        try {
            Files.writeString(file, """
                    {"platforms": [{"issuer": "https://moodle.school.org", "clientId": "AbC123",
                      "authenticationRequestUrl": "https://moodle.school.org/mod/lti/auth.php",
                      "jwksUrl": "https://moodle.school.org/mod/lti/certs.php", "deploymentIds": ["1"]}]}
                    """);
            MosaicServer.Builder builder = dev.mosaic.server.MainAccess.parse(
                    new String[] {"--port", "0", "--lti-config", file.toString()},
                    java.util.Map.of("MOSAIC_SECRET", dev.mosaic.server.MainAccess.SECRET));
            try (MosaicServer server = builder.start()) {
                HttpResponse<String> login = http.send(
                        HttpRequest.newBuilder(URI.create(server.localUrl()
                                        + "/lti/login?iss=https://moodle.school.org&login_hint=1&target_link_uri="
                                        + server.localUrl() + "/lti/launch"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(302, login.statusCode(), login.body());
                assertTrue(login.headers()
                        .firstValue("Location")
                        .orElseThrow()
                        .startsWith("https://moodle.school.org/mod/lti/auth.php?"));
            }
            Files.writeString(file, "{\"platforms\": [{}]}");
            IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class,
                    () -> dev.mosaic.server.MainAccess.parse(
                            new String[] {"--lti-config", file.toString()}, java.util.Map.of()));
            assertTrue(
                    bad.getMessage().contains(file.toString())
                            && bad.getMessage().contains("issuer"),
                    bad.getMessage());
            assertFalse(bad.getMessage().isBlank());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
