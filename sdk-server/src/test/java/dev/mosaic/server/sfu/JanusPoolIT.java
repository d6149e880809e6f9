package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool with two real Janus: one killed is marked down at once, gets no rooms, and takes rooms again once back. */
@Tag("sfu")
@Timeout(180)
class JanusPoolIT {
    @Test
    void aKilledJanusIsMarkedDownAtOnceAndTakesRoomsAgainWhenItComesBack() throws Exception {
        String adminKey = "test-" + UUID.randomUUID();
        List<JanusServer> started = new ArrayList<>();
        JanusPool pool = null;
        try {
            JanusServer a = JanusServer.startInPool(adminKey, 0);
            started.add(a);
            JanusServer b = JanusServer.startInPool(adminKey, 1);
            started.add(b);
            pool = new JanusPool(List.of(a.url(), b.url()), adminKey);
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            pool.listen(new JanusPool.Listener() {
                @Override
                public void down(JanusNode node) {
                    heard.add("down " + node.url());
                }

                @Override
                public void up(JanusNode node) {
                    heard.add("up " + node.url());
                }
            });
            JanusNode nodeA = pool.nodes().get(0);
            JanusNode nodeB = pool.nodes().get(1);
            nodeA.createRoom(false, 10).join();
            nodeB.createRoom(false, 10).join();

            long killed = System.nanoTime();
            a.kill();
            assertEquals("down " + a.url(), heard.poll(10, TimeUnit.SECONDS), "the pool hears of the loss");
            System.out.printf(
                    "pool: a killed Janus was marked down after %.2f s%n", (System.nanoTime() - killed) / 1e9);
            assertTrue(nodeA.down);
            assertEquals(0, nodeA.roomCount(), "its rooms died with it");
            for (int i = 0; i < 3; i++) {
                assertSame(nodeB, pool.place(), "new rooms go to the Janus that is up, though it has more rooms");
            }
            // A request to the dead Janus fails promptly: no future waits for an answer that cannot come.
            long asked = System.nanoTime();
            ExecutionException refused = assertThrows(
                    ExecutionException.class, () -> nodeA.listRooms().get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof JanusException, refused.toString());
            System.out.printf(
                    "pool: a request to the dead Janus failed after %.2f s: %s%n",
                    (System.nanoTime() - asked) / 1e9, refused.getCause().getMessage());

            JanusServer again = a.restart();
            started.add(again);
            long restarted = System.nanoTime();
            assertEquals("up " + a.url(), heard.poll(60, TimeUnit.SECONDS), "the pool finds it back by retrying");
            System.out.printf(
                    "pool: the restarted Janus was up again %.1f s after it listened%n",
                    (System.nanoTime() - restarted) / 1e9);
            assertSame(nodeA, pool.place(), "back and least loaded: it takes the next room");
            nodeA.createRoom(false, 10).join();
            assertEquals(1, nodeA.roomCount());
        } finally {
            if (pool != null) {
                pool.close();
            }
            for (JanusServer j : started) {
                j.close();
            }
        }
    }
}
