package dev.mosaic.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.client.MeetingClient;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class JavalinAppSampleTest {
    @Test
    void theSitesOwnRouteIssuesATokenThatJoinsThroughThePlugin() throws Exception {
        Javalin app = JavalinAppSample.start("a-sample-secret-that-is-long-enough-1234", 0);
        try {
            String token = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/my-class/token"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            MeetingClient alan = MeetingClient.builder(
                            URI.create("ws://127.0.0.1:" + app.port() + "/ws"), "maths-101", token)
                    .build();
            assertEquals("Alan", alan.join().you().name());
            alan.leave();
        } finally {
            app.stop();
        }
    }
}
