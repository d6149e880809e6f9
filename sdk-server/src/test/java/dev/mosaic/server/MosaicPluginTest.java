package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.events.MeetingListener;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Mosaic inside an application that already runs Javalin. */
class MosaicPluginTest {
    @Test
    void thePluginAddsSignalingAndLeavesTheAppsRoutesAlone() throws Exception {
        MosaicPlugin mosaic = MosaicServer.builder().secret(TestServers.SECRET).plugin();
        Javalin app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.registerPlugin(mosaic);
                    config.routes.get("/", ctx -> ctx.result("the school's own home page"));
                })
                .start("127.0.0.1", 0);
        try {
            HttpResponse<String> home = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("the school's own home page", home.body());

            String token = mosaic.tokens().issue("room-1", "u1", "Ada", Role.PARTICIPANT, Duration.ofMinutes(5));
            RawClient ada = RawClient.connect(URI.create("ws://127.0.0.1:" + app.port() + "/ws"));
            assertEquals("joined", ada.join("room-1", token).get("type").getAsString());
            assertEquals(1, mosaic.rooms().roomCount());
        } finally {
            app.stop();
        }
    }

    @Test
    void thePluginTakesOneTypedConfigInALambdaAsJavalinPluginsDo() throws Exception {
        BlockingQueue<String> started = new LinkedBlockingQueue<>();
        MosaicPlugin mosaic = new MosaicPlugin(m -> {
            m.server = MosaicServer.builder().secret(TestServers.SECRET).build();
            m.listener = new MeetingListener() {
                @Override
                public void onRoomStarted(String room, Instant startedAt) {
                    started.add(room);
                }
            };
        });
        Javalin app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.registerPlugin(mosaic);
                })
                .start("127.0.0.1", 0);
        try {
            String token = mosaic.tokens().issue("room-2", "u1", "Ada", Role.PARTICIPANT, Duration.ofMinutes(5));
            RawClient ada = RawClient.connect(URI.create("ws://127.0.0.1:" + app.port() + "/ws"));
            assertEquals("joined", ada.join("room-2", token).get("type").getAsString());
            assertEquals("room-2", started.poll(5, TimeUnit.SECONDS), "the listener from the config is called");
        } finally {
            app.stop();
        }
    }

    @Test
    void aPluginWithoutServerSettingsSaysWhatToSet() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> new MosaicPlugin(m -> m.listener = new MeetingListener() {}));
        assertTrue(e.getMessage().contains("m.server = MosaicServer.builder()"), e.getMessage());
    }
}
