package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.Browsers;
import dev.mosaic.server.room.Actor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A meeting in an {@code sfu} room, end to end: real Janus and real Chromiums, all inside the test
 * namespace. The browsers run a minimal client of the SFU signaling (src/test/resources/sfu), not the
 * widget: they publish and subscribe through Mosaic and never see Janus.
 */
@Tag("sfu")
@Timeout(300)
class SfuMeetingIT {
    private static final int PARTICIPANTS = 3;
    private static SfuStack stack;
    private static JanusServer janus;
    private static MosaicServer mosaic;
    private static SfuClientSite site;

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.start();
        janus = stack.janus;
        mosaic = stack.mosaic;
        site = SfuClientSite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private String pageUrl(String room, Role role, String name) {
        String token = mosaic.tokens().issue(room, "user-" + UUID.randomUUID(), name, role, Duration.ofHours(1));
        return site.url(mosaic.webSocketUrl(), room, token, true);
    }

    @Test
    void participantsSeeEachOthersVideoThroughJanusRemovalEndsAFeedAndTheJanusRoomGoesWithTheMeeting()
            throws Exception {
        String room = "sfu-" + UUID.randomUUID().toString().substring(0, 8);
        List<ChromeDriver> browsers = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < PARTICIPANTS; i++) {
                ChromeDriver browser = Browsers.start();
                browsers.add(browser);
                browser.get(pageUrl(room, Role.PARTICIPANT, "p" + i));
            }
            // Everyone publishes and receives the others' videos, advancing.
            for (ChromeDriver browser : browsers) {
                awaitRemoteVideos(browser, PARTICIPANTS - 1);
            }
            System.out.printf(
                    "SFU meeting of %d: everyone sees %d moving remote videos after %.1f s%n",
                    PARTICIPANTS, PARTICIPANTS - 1, (System.nanoTime() - started) / 1e9);
            assertEquals(1, janusRoomCount(), "one Janus room for the meeting");
            for (int i = 0; i < browsers.size(); i++) {
                Map<String, Long> before = frames(browsers.get(i));
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                Map<String, Long> after = frames(browsers.get(i));
                double seconds = (System.nanoTime() - t0) / 1e9;
                for (String participant : after.keySet()) {
                    double fps = (after.get(participant) - before.getOrDefault(participant, 0L)) / seconds;
                    System.out.printf("  browser %d receives %s at %.1f fps%n", i, participant, fps);
                    assertTrue(fps > 5, "browser " + i + " receives " + participant + " at " + fps + " fps");
                }
                Object errors = browsers.get(i).executeScript("return window.sfuTest.errors");
                assertEquals(List.of(), errors, "no errors in browser " + i);
                assertEquals("sfu", browsers.get(i).executeScript("return window.sfuTest.media"));
            }
            assertEquals(PARTICIPANTS, janusPublisherCount(), "one Janus publisher per participant");

            // Removal tears down the removed participant's handles: its feed leaves Janus and everyone's list.
            String removed = (String) browsers.get(2).executeScript("return window.sfuTest.id");
            mosaic.rooms().find(room).orElseThrow().remove(Actor.APPLICATION, removed);
            awaitTrue(
                    () -> janusPublisherCount() == PARTICIPANTS - 1,
                    "the removed participant's publisher is gone from Janus");
            awaitTrue(
                    () -> ((Number) browsers.get(0).executeScript("return window.sfuTest.feeds.length")).intValue()
                            == PARTICIPANTS - 1,
                    "the removed participant's feed left the others' sfu.feeds");
        } finally {
            browsers.forEach(ChromeDriver::quit);
        }
        // Everyone left: the room ended and its Janus room was destroyed with it.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (janusRoomCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, janusRoomCount(), "the Janus room is destroyed when the meeting ends");
    }

    @Test
    void aViewerGetsNoPublisherHandle() throws Exception {
        String room = "sfu-view-" + UUID.randomUUID().toString().substring(0, 8);
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(mosaic.webSocketUrl()), new WebSocket.Listener() {
                    private final StringBuilder parts = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        parts.append(data);
                        if (last) {
                            received.add(
                                    JsonParser.parseString(parts.toString()).getAsJsonObject());
                            parts.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        try {
            String token = mosaic.tokens().issue(room, "viewer-1", "Viewer", Role.VIEWER, Duration.ofHours(1));
            ws.sendText(
                            "{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\",\"token\":\"" + token
                                    + "\"}",
                            true)
                    .join();
            JsonObject joined = next(received, "joined");
            assertEquals("sfu", joined.get("media").getAsString());
            next(received, "sfu.feeds");
            ws.sendText("{\"v\":1,\"type\":\"sfu.publish\",\"id\":\"p\",\"source\":\"camera\",\"sdp\":\"v=0\"}", true)
                    .join();
            JsonObject error = next(received, "error");
            assertEquals("forbidden", error.get("code").getAsString(), error.toString());
            assertEquals("p", error.get("id").getAsString());
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private static JsonObject next(BlockingQueue<JsonObject> queue, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject m = queue.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && type.equals(m.get("type").getAsString())) {
                return m;
            }
        }
        throw new AssertionError("no " + type + " message within 20 s");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (not within 20 s)");
            }
            Thread.sleep(200);
        }
    }

    /** Publishers in the one Janus room there is, asked of Janus itself. */
    private static int janusPublisherCount() {
        JanusNode node = new JanusNode(janus.url(), janus.adminKey, Executors.newSingleThreadExecutor());
        try {
            List<Long> rooms = node.listRooms().join();
            assertEquals(1, rooms.size(), "one Janus room");
            JsonObject list = new JsonObject();
            list.addProperty("request", "listparticipants");
            list.addProperty("room", rooms.get(0));
            JsonObject answer = node.attach(event -> {})
                    .thenCompose(h -> h.message(list, null))
                    .join();
            int publishers = 0;
            for (var p : JanusClient.pluginData(answer).getAsJsonArray("participants")) {
                if (p.getAsJsonObject().get("publisher").getAsBoolean()) {
                    publishers++;
                }
            }
            return publishers;
        } finally {
            node.close();
        }
    }

    private static int janusRoomCount() {
        JanusNode node = new JanusNode(janus.url(), janus.adminKey, Executors.newSingleThreadExecutor());
        try {
            return node.listRooms().join().size();
        } finally {
            node.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> frames(ChromeDriver browser) {
        Map<String, Object> raw = (Map<String, Object>) browser.executeScript("return window.sfuFrames()");
        Map<String, Long> frames = new HashMap<>();
        raw.forEach((k, v) -> frames.put(k, ((Number) v).longValue()));
        return frames;
    }

    /** Waits until {@code count} remote participants' videos have decoded frames and keep advancing. */
    private static void awaitRemoteVideos(ChromeDriver browser, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = frames(browser);
            Map<String, Long> before = last;
            long advancing = now.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && e.getValue() > before.getOrDefault(e.getKey(), 0L))
                    .count();
            if (advancing >= count && last.size() >= count) {
                return;
            }
            last = now;
            Thread.sleep(500);
        }
        throw new AssertionError("remote videos did not all advance within 90 s: " + frames(browser) + "; page state "
                + browser.executeScript("return JSON.stringify(window.sfuTest)"));
    }
}
