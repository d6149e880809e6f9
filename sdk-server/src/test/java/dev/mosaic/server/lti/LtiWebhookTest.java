package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.events.LtiLaunch;
import dev.mosaic.server.events.MeetingListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An application that is not in Java learns of launches through the {@code lti.launch} webhook; a Java one still gets onLtiLaunch. */
class LtiWebhookTest {
    @Test
    void aLaunchIsPostedAsAWebhookAndStillReachesTheListener() throws Exception {
        BlockingQueue<JsonObject> deliveries = new LinkedBlockingQueue<>();
        BlockingQueue<LtiLaunch> launches = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            deliveries.add(
                    JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                            .getAsJsonObject());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (TestLms lms = new TestLms();
                MosaicServer server = MosaicServer.builder()
                        .port(0)
                        .secret(dev.mosaic.server.MainAccess.SECRET)
                        .ltiPlatform(lms.registration())
                        .webhook(
                                URI.create("http://127.0.0.1:"
                                        + receiver.getAddress().getPort() + "/hooks"),
                                "webhook-secret-webhook-secret-0123456789")
                        .listener(new MeetingListener() {
                            @Override
                            public void onLtiLaunch(LtiLaunch launch) {
                                launches.add(launch);
                            }
                        })
                        .start()) {
            lms.useTool(server.localUrl());
            String room =
                    HttpBrowser.data(new HttpBrowser(lms, server.localUrl()).fullLaunch("student", "maths"), "room");
            JsonObject delivery = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivery, "a webhook was posted");
            assertEquals("lti.launch", delivery.get("type").getAsString());
            JsonObject data = delivery.getAsJsonObject("data");
            assertEquals(room, data.get("room").getAsString());
            assertEquals("participant", data.get("role").getAsString());
            assertEquals("course-7", data.get("contextId").getAsString());
            assertEquals("link-maths-live", data.get("resourceLinkId").getAsString());
            LtiLaunch launch = launches.poll(5, TimeUnit.SECONDS);
            assertNotNull(launch, "the application's listener is still called");
            assertEquals(room, launch.room());
        } finally {
            receiver.stop(0);
        }
    }
}
