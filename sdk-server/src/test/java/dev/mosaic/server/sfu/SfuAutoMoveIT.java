package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.DemoParticipant;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.room.RoomOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@code auto} room moving, live, from the mesh to the SFU (docs/sfu.md): three Chromiums with the
 * real widget meet as a mesh; two load publishers join, the room passes its threshold (4) and moves to
 * a real Janus. The three keep seeing each other's videos advancing, nobody leaves (no leave event on
 * the server, no tile removed), tiles keep their order, and the longest time a remote tile stopped
 * across the move is printed.
 */
@Tag("sfu")
@Timeout(300)
class SfuAutoMoveIT {
    private static final int BROWSERS = 3;
    /** 3 + 2 = 5 people, more than the default threshold of 4. */
    private static final int PUBLISHERS = 2;

    /**
     * Per remote tile (by participant id): frames shown (requestVideoFrameCallback on the tile's video,
     * re-armed when the element or its stream changes) and the longest pause between two frames since
     * {@code window.__gapsFrom}. A MutationObserver notes every tile that leaves the gallery.
     */
    private static final String WATCH_TILES = """
            const w = (window.__tileWatch ??= {frames: {}, last: {}, maxGap: {}, removed: [], armed: new WeakMap()});
            window.__gapsFrom = performance.now();
            const arm = (video, id) => {
              const token = {};
              w.armed.set(video, token);
              const loop = (now) => {
                if (w.armed.get(video) !== token) return;
                const t = performance.now();
                if (w.last[id] !== undefined && w.last[id] >= window.__gapsFrom)
                  w.maxGap[id] = Math.max(w.maxGap[id] || 0, t - w.last[id]);
                w.last[id] = t;
                w.frames[id] = (w.frames[id] || 0) + 1;
                video.requestVideoFrameCallback(loop);
              };
              video.requestVideoFrameCallback(loop);
            };
            clearInterval(w.timer);
            w.timer = setInterval(() => {
              for (const tile of document.querySelectorAll('[data-participant-id]')) {
                const video = tile.querySelector('video');
                if (!video) continue;
                const id = tile.dataset.participantId;
                const t = performance.now();
                // Re-arm if no frame for a second: a new srcObject may need a fresh callback.
                if (!w.armed.has(video) || (w.last[id] !== undefined && t - w.last[id] > 1000)) arm(video, id);
              }
            }, 250);
            if (!w.observer) {
              w.observer = new MutationObserver((records) => {
                for (const r of records)
                  for (const n of r.removedNodes)
                    // A node only moved within the page is connected again by now: not a removal.
                    if (n.dataset && n.dataset.participantId && !n.isConnected) w.removed.push(n.dataset.participantId);
              });
              w.observer.observe(document.body, {childList: true, subtree: true});
            }
            """;

    private static SfuStack stack;
    private static MosaicServer mosaic;
    private static final List<String> leaves = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.start(b -> b.devMode(true).media(MediaMode.AUTO).listener(new MeetingListener() {
            @Override
            public void onParticipantLeft(String room, Participant participant, LeaveReason reason) {
                leaves.add(room + " " + participant.name() + " " + reason.wireName());
            }
        }));
        mosaic = stack.mosaic;
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeWidgetsInAMeshMoveToJanusWhenTheRoomGrowsAndNobodyLeaves() throws Exception {
        moveAndCheck("auto-" + UUID.randomUUID().toString().substring(0, 8), false);
    }

    /** The same in an end-to-end encrypted room: the security code is the same before and after the move. */
    @Test
    void anEncryptedRoomKeepsItsSecurityCodeAcrossTheMove() throws Exception {
        String room = "auto-e2ee-" + UUID.randomUUID().toString().substring(0, 8);
        mosaic.rooms().create(room, new RoomOptions(true, 0, null, false, MediaMode.AUTO));
        moveAndCheck(room, true);
    }

    private void moveAndCheck(String room, boolean e2ee) throws Exception {
        List<DemoParticipant> people = new ArrayList<>();
        try {
            for (String name : List.of("Ana", "Ben", "Cleo")) {
                DemoParticipant p = new DemoParticipant(name);
                people.add(p);
                String token = e2ee
                        ? mosaic.tokens().issue(room, "u-" + name, name, Role.PARTICIPANT, Duration.ofMinutes(10))
                        : null;
                p.join(mosaic.localUrl(), room, e2ee, token);
            }
            List<String> ids = new ArrayList<>();
            for (DemoParticipant p : people) {
                ids.add(p.participantId());
                assertEquals(
                        "mesh", p.script("return window.mosaicDiagnostics.media()"), p.name() + " starts as a mesh");
            }
            for (DemoParticipant p : people) {
                awaitOthersAdvancing(p, ids, Duration.ofSeconds(90));
                p.script(WATCH_TILES);
            }
            Map<DemoParticipant, List<String>> orderBefore = new java.util.HashMap<>();
            for (DemoParticipant p : people) {
                orderBefore.put(p, tileOrder(p));
            }
            System.out.printf("auto room %s: a mesh of %d, everyone sees the others moving%n", room, BROWSERS);
            String codeBefore = null;
            if (e2ee) {
                awaitTrue("the three show one security code", () -> {
                    String first = people.get(0).securityCode();
                    return first != null && people.stream().allMatch(p -> first.equals(p.securityCode()));
                });
                codeBefore = people.get(0).securityCode();
            }

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < PUBLISHERS; i++) {
                tokens.add(
                        mosaic.tokens().issue(room, "load-" + i, "Load " + i, Role.PARTICIPANT, Duration.ofHours(1)));
            }
            long moveStarted = System.nanoTime();
            try (LoadPublishers publishers =
                    LoadPublishers.start(mosaic.webSocketUrl(), room, tokens, Duration.ofSeconds(60))) {
                publishers.awaitReady(Duration.ofSeconds(90));
                for (DemoParticipant p : people) {
                    awaitTrue(
                            p.name() + " moved to the SFU transport",
                            () -> "sfu".equals(p.script("return window.mosaicDiagnostics.media()")));
                }
                System.out.printf(
                        "  the room moved; %d load publishers published %.1f s after they started%n",
                        PUBLISHERS, (System.nanoTime() - moveStarted) / 1e9);
                for (DemoParticipant p : people) {
                    awaitOthersAdvancing(p, ids, Duration.ofSeconds(60));
                }
                // Let the old mesh links close (the move's timeout at the latest), then measure through the SFU.
                awaitTrue(
                        "every widget finished its move",
                        () -> people.stream()
                                .allMatch(p ->
                                        Boolean.FALSE.equals(p.script("return window.mosaicDiagnostics.moving()"))));
                long worstGap = 0;
                for (DemoParticipant p : people) {
                    Map<String, Long> before = tileFrames(p);
                    long t0 = System.nanoTime();
                    Thread.sleep(3000);
                    Map<String, Long> after = tileFrames(p);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    Map<String, Long> gaps = tileGaps(p);
                    for (String other : ids) {
                        if (other.equals(ids.get(people.indexOf(p)))) {
                            continue;
                        }
                        double fps = (after.getOrDefault(other, 0L) - before.getOrDefault(other, 0L)) / seconds;
                        long gap = gaps.getOrDefault(other, -1L);
                        worstGap = Math.max(worstGap, gap);
                        System.out.printf(
                                "  %s sees %s at %.1f fps through the SFU; longest pause across the move %d ms%n",
                                p.name(), other, fps, gap);
                        assertTrue(fps > 5, p.name() + " sees " + other + " at " + fps + " fps after the move");
                        assertTrue(gap >= 0, p.name() + ": no frame timing for " + other);
                    }
                    List<String> order = tileOrder(p);
                    List<String> kept =
                            order.stream().filter(orderBefore.get(p)::contains).toList();
                    assertEquals(orderBefore.get(p), kept, p.name() + ": tiles keep their order: " + order);
                    assertEquals(
                            List.of(),
                            p.script("return window.__tileWatch.removed"),
                            p.name() + ": no tile left the gallery");
                }
                System.out.printf(
                        "SFU auto move: the longest a remote tile stopped across the move: %d ms%n", worstGap);
                assertEquals(
                        List.of(),
                        leaves.stream().filter(l -> l.startsWith(room + " ")).toList(),
                        "nobody left the meeting");
                if (e2ee) {
                    for (DemoParticipant p : people) {
                        assertEquals(
                                codeBefore, p.securityCode(), p.name() + ": the same security code after the move");
                    }
                    System.out.printf("  the security code is the same before and after the move: %s%n", codeBefore);
                }
            }
        } finally {
            people.forEach(DemoParticipant::close);
        }
    }

    /** The tiles as the person sees them: row by row, left to right. */
    @SuppressWarnings("unchecked")
    private static List<String> tileOrder(DemoParticipant p) {
        return (List<String>) p.script("return window.mosaicDiagnostics.tiles().filter(t => t.visible)"
                + ".sort((a, b) => Math.round(a.y) - Math.round(b.y) || a.x - b.x).map(t => t.id)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> tileFrames(DemoParticipant p) {
        return longs((Map<String, Object>) p.script("return window.__tileWatch.frames"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> tileGaps(DemoParticipant p) {
        return longs((Map<String, Object>) p.script("return window.__tileWatch.maxGap"));
    }

    private static Map<String, Long> longs(Map<String, Object> m) {
        Map<String, Long> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Number n ? Math.round(n.doubleValue()) : 0L));
        return out;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (not within 60 s)");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the tiles of the other browsers show decoded video whose frame count keeps rising. */
    private static void awaitOthersAdvancing(DemoParticipant p, List<String> ids, Duration patience)
            throws InterruptedException {
        String self = p.participantId();
        List<String> others = ids.stream().filter(id -> !id.equals(self)).toList();
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Long> last = Map.of();
        List<Map<String, Object>> now = List.of();
        while (System.nanoTime() < deadline) {
            now = p.remoteVideo();
            Map<String, Long> before = last;
            long advancing = now.stream()
                    .filter(v -> others.contains((String) v.get("id"))
                            && n(v, "videoWidth") > 0
                            && n(v, "framesDecoded") > before.getOrDefault((String) v.get("id"), Long.MAX_VALUE))
                    .count();
            if (advancing == others.size()) {
                return;
            }
            Map<String, Long> next = new java.util.HashMap<>();
            now.forEach(v -> next.put((String) v.get("id"), n(v, "framesDecoded")));
            last = next;
            Thread.sleep(500);
        }
        throw new AssertionError(p.name() + ": the others' videos did not advance within " + patience + ": " + now);
    }

    private static long n(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number v ? v.longValue() : 0;
    }
}
