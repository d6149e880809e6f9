package dev.mosaic.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HostPageSampleTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageAndIssuesTokensTheMosaicServerAccepts() throws Exception {
        try (HostPageSample sample = new HostPageSample(0, 0)) {
            String site = sample.pageUrl().substring(0, sample.pageUrl().indexOf("/?"));
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(sample.pageUrl())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Mosaic.mount("), "the page mounts the widget");

            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(site + "/token"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"maths-101\",\"name\":\"Ada\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode());
            String jwt = JsonParser.parseString(token.body())
                    .getAsJsonObject()
                    .get("token")
                    .getAsString();
            assertEquals(
                    "Ada", sample.mosaic().tokens().verify(jwt, "maths-101").displayName());

            HttpResponse<String> embed = http.send(
                    HttpRequest.newBuilder(URI.create(sample.mosaic().localUrl() + "/embed/maths-101"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(
                    embed.headers()
                            .firstValue("Content-Security-Policy")
                            .orElseThrow()
                            .contains("frame-ancestors 'self' " + site),
                    "the Mosaic server lets this site frame meetings");
        }
    }

    @Test
    void aBadTokenRequestGetsAClearError() throws Exception {
        try (HostPageSample sample = new HostPageSample(0, 0)) {
            String site = sample.pageUrl().substring(0, sample.pageUrl().indexOf("/?"));
            HttpResponse<String> res = http.send(
                    HttpRequest.newBuilder(URI.create(site + "/token"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"maths-101\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, res.statusCode());
            assertTrue(res.body().contains("room"), res.body());
        }
    }
}
