package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mosaic's Janus client against a real Janus in the test namespace. */
@Timeout(120)
@Tag("sfu")
class JanusClientIT {
    private static JanusServer janus;
    private static final ExecutorService BLOCKING = Executors.newCachedThreadPool();

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusServer.start();
    }

    @AfterAll
    static void stopJanus() throws Exception {
        BLOCKING.shutdownNow();
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void createsListsAndDestroysRoomsWithTheAdminKey() {
        JanusNode node = new JanusNode(janus.url(), janus.adminKey, BLOCKING);
        try {
            long room = node.createRoom(true, 50).join();
            assertEquals(1, node.roomCount());
            assertTrue(node.listRooms().join().contains(room), "the new room is listed");
            node.destroyRoom(room).join();
            assertEquals(0, node.roomCount());
            assertFalse(node.listRooms().join().contains(room), "the destroyed room is gone");
        } finally {
            node.close();
        }
    }

    @Test
    void janusRefusesRoomsWithAWrongAdminKey() {
        JanusNode wrongKey = new JanusNode(janus.url(), "not-the-key", BLOCKING);
        try {
            CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    CompletionException.class,
                    () -> wrongKey.createRoom(false, 10).join());
            JanusException error = (JanusException) refused.getCause();
            assertEquals(433, error.code(), error.getMessage()); // Janus: unauthorized (wrong admin_key)
            assertEquals(0, wrongKey.roomCount(), "a refused room is not counted");
        } finally {
            wrongKey.close();
        }
    }

    @Test
    void asynchronousPluginRequestsAnswerWithTheirEvent() {
        JanusNode node = new JanusNode(janus.url(), janus.adminKey, BLOCKING);
        try {
            long room = node.createRoom(false, 10).join();
            JanusHandle publisher = node.attach(event -> {}).join();
            JsonObject join = new JsonObject();
            join.addProperty("request", "join");
            join.addProperty("ptype", "publisher");
            join.addProperty("room", room);
            join.addProperty("id", 4242);
            JsonObject joined =
                    JanusClient.pluginData(publisher.message(join, null).join());
            assertEquals("joined", joined.get("videoroom").getAsString());
            assertEquals(4242, joined.get("id").getAsLong());
            publisher.detach().join();
            node.destroyRoom(room).join();
        } finally {
            node.close();
        }
    }

    @Test
    void keepalivesHoldTheSessionWhereSilenceLosesIt() throws Exception {
        assertTrue(
                JanusClient.KEEPALIVE.compareTo(Duration.ofSeconds(60)) < 0,
                "keepalives come well within Janus's default timeout");
        // A Janus that drops silent sessions after 3 s (it checks every 2 s): one client keeps alive every
        // second, the other stays silent.
        try (JanusServer impatient = JanusServer.start(3);
                JanusClient keptAlive =
                        JanusClient.connect(impatient.url(), Duration.ofSeconds(5), Duration.ofSeconds(1));
                JanusClient silent = JanusClient.connect(impatient.url(), Duration.ofSeconds(5), Duration.ofHours(1))) {
            JanusHandle handle =
                    keptAlive.attach(JanusNode.VIDEOROOM, event -> {}).join();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (silent.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse(silent.isOpen(), "Janus timed out the silent session");
            assertTrue(keptAlive.isOpen(), "the session with keepalives is still there");
            JsonObject list = new JsonObject();
            list.addProperty("request", "list");
            handle.message(list, null).join();
        }
    }
}
