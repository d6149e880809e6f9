package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.browser.DemoParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Janus killed mid-meeting: two Janus side by side, a room on one of them with two real widgets
 * (Chromium, the demo page) and three load publishers. The room's Janus is killed by its PID; the
 * room must come back on the other Janus and everyone must see everyone's video advancing again, with
 * nobody leaving the meeting. The gap (from the kill to every browser seeing every video move) is
 * printed.
 */
@Tag("sfu")
@Timeout(300)
class SfuFailoverIT {
    private static final int LOAD = 3;
    private static final int REMOTE = LOAD + 1; // what each browser receives: the load and the other browser
    private static final ExecutorService BLOCKING = Executors.newCachedThreadPool();
    private static SfuStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.startPool(2);
    }

    @AfterAll
    static void stop() throws Exception {
        BLOCKING.shutdownNow();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aJanusKilledMidMeetingMovesTheRoomToTheOtherAndEveryoneSeesEveryoneAgain() throws Exception {
        String room = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= LOAD; i++) {
            tokens.add(
                    stack.mosaic.tokens().issue(room, "load-" + i, "Load " + i, Role.PARTICIPANT, Duration.ofHours(1)));
        }
        List<DemoParticipant> people = new ArrayList<>();
        try (LoadPublishers load = LoadPublishers.start(stack.mosaic.webSocketUrl(), room, tokens)) {
            load.awaitReady(Duration.ofSeconds(90));
            for (String name : List.of("Ana", "Ben")) {
                DemoParticipant p = new DemoParticipant(name);
                people.add(p);
                p.join(stack.mosaic.localUrl(), room);
            }
            awaitAllAdvancing(people, Duration.ofSeconds(90), Map.of());
            measureAll(people, "before the kill");
            JanusServer before = janusHolding(1);
            JanusServer other = stack.pool.get(0) == before ? stack.pool.get(1) : stack.pool.get(0);
            System.out.printf(
                    "failover: everyone sees %d moving videos; the room is on the Janus at %s (pid %d)%n",
                    REMOTE, before.url(), before.pid());

            Map<DemoParticipant, Map<String, Long>> atKill = new HashMap<>();
            for (DemoParticipant p : people) {
                atKill.put(p, p.framesDecoded());
            }
            long killed = System.nanoTime();
            before.kill();
            awaitAllAdvancing(people, Duration.ofSeconds(90), atKill);
            double gap = (System.nanoTime() - killed) / 1e9;
            System.out.printf(
                    "failover: media gap %.1f s (from the kill to both browsers seeing all %d videos move again)%n",
                    gap, REMOTE);

            measureAll(people, "after the move");
            assertEquals(1, roomsOn(other).size(), "the room now lives on the other Janus");
            assertEquals(
                    LOAD + 2,
                    stack.mosaic
                            .rooms()
                            .find(room)
                            .orElseThrow()
                            .state()
                            .participants()
                            .size(),
                    "nobody left the meeting");
            int republished = load.events("republished").size();
            assertEquals(LOAD, republished, "every load publisher published again: " + load.output());
            for (DemoParticipant p : people) {
                // The "Reconnecting audio and video" line went once media flowed again.
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                String status = statusLine(p);
                while (status.contains("Reconnecting audio") && System.nanoTime() < until) {
                    Thread.sleep(200);
                    status = statusLine(p);
                }
                System.out.printf("  %s's status line: %s%n", p.name(), status);
                assertFalse(status.contains("Reconnecting audio"), p.name() + "'s status line: " + status);
            }
        } finally {
            people.forEach(DemoParticipant::close);
        }
    }

    private static String statusLine(DemoParticipant p) {
        return String.valueOf(p.script("return document.querySelector('.mosaic-status')?.textContent ?? ''"));
    }

    /** Each one's frame rate per remote video over 2 s: all {@link #REMOTE} must be above 5 fps. */
    private static void measureAll(List<DemoParticipant> people, String when) throws InterruptedException {
        for (DemoParticipant p : people) {
            Map<String, Long> first = p.framesDecoded();
            long t0 = System.nanoTime();
            Thread.sleep(2000);
            List<Map<String, Object>> later = p.remoteVideo();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(REMOTE, later.size(), p.name() + " sees everyone " + when + ": " + later);
            for (Map<String, Object> v : later) {
                String id = (String) v.get("id");
                double fps = (n(v, "framesDecoded") - first.getOrDefault(id, 0L)) / seconds;
                System.out.printf("  %s %s receives %s at %.1f fps%n", when, p.name(), id, fps);
                assertTrue(fps > 5, p.name() + " receives " + id + " at " + fps + " fps " + when);
            }
        }
    }

    /** The Janus of the pool that holds exactly {@code rooms} rooms (the one the meeting is on). */
    private static JanusServer janusHolding(int rooms) {
        JanusServer found = null;
        for (JanusServer j : stack.pool) {
            if (roomsOn(j).size() == rooms) {
                assertTrue(found == null, "only one Janus holds the room");
                found = j;
            }
        }
        assertTrue(found != null, "a Janus of the pool holds the room");
        return found;
    }

    private static List<Long> roomsOn(JanusServer janus) {
        JanusNode look = new JanusNode(janus.url(), janus.adminKey, BLOCKING);
        try {
            return look.listRooms().join();
        } finally {
            look.close();
        }
    }

    private static long n(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number v ? v.longValue() : 0;
    }

    /**
     * Waits until every one of {@code people} sees all {@link #REMOTE} remote videos advancing since its
     * last look. With {@code oldCounts} (frames each decoded before the kill), a video counts only once
     * its count fell below that: it comes on a new connection, not from what the old one still had
     * buffered. Everyone is looked at in turn, so that drop is never missed.
     */
    private static void awaitAllAdvancing(
            List<DemoParticipant> people, Duration patience, Map<DemoParticipant, Map<String, Long>> oldCounts)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<DemoParticipant, Map<String, Long>> last = new HashMap<>();
        Map<DemoParticipant, Set<String>> renewed = new HashMap<>();
        Set<DemoParticipant> done = new HashSet<>();
        Map<DemoParticipant, List<Map<String, Object>>> now = new HashMap<>();
        while (System.nanoTime() < deadline) {
            for (DemoParticipant p : people) {
                if (done.contains(p)) {
                    continue;
                }
                List<Map<String, Object>> videos = p.remoteVideo();
                now.put(p, videos);
                Map<String, Long> old = oldCounts.getOrDefault(p, Map.of());
                Set<String> fresh = renewed.computeIfAbsent(p, x -> new HashSet<>());
                for (Map<String, Object> v : videos) {
                    String id = (String) v.get("id");
                    if (!old.containsKey(id) || n(v, "framesDecoded") < old.get(id)) {
                        fresh.add(id);
                    }
                }
                Map<String, Long> before = last.getOrDefault(p, Map.of());
                long advancing = videos.stream()
                        .filter(v -> fresh.contains((String) v.get("id"))
                                && n(v, "videoWidth") > 0
                                && n(v, "framesDecoded") > before.getOrDefault((String) v.get("id"), Long.MAX_VALUE))
                        .count();
                if (advancing >= REMOTE) {
                    done.add(p);
                }
                Map<String, Long> counts = new HashMap<>();
                videos.forEach(v -> counts.put((String) v.get("id"), n(v, "framesDecoded")));
                last.put(p, counts);
            }
            if (done.size() == people.size()) {
                return;
            }
            Thread.sleep(300);
        }
        StringBuilder seen = new StringBuilder();
        people.stream()
                .filter(p -> !done.contains(p))
                .forEach(p -> seen.append("\n  ").append(p.name()).append(": ").append(now.get(p)));
        throw new AssertionError("not everyone saw all " + REMOTE + " remote videos advance within " + patience
                + " (frames decoded before the kill: " + oldCounts.values() + ")" + seen);
    }
}
