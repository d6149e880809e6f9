package dev.mosaic.server.sfu;

import static dev.mosaic.server.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.DemoParticipant;
import dev.mosaic.server.room.RoomOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * End-to-end encryption through Janus: an {@code sfu} room created with {@code e2ee: true} (a
 * {@code require_e2ee} VideoRoom room), three real widgets in test mode and a Java {@link MeetingClient}.
 * Every browser decodes the two others' video forwarded by Janus, every frame its worker handles is
 * encrypted or decrypted, one security code for all four, encrypted chat between Java and the browsers, and
 * a pinned tile still decodes a higher simulcast layer (Janus switches layers on the codec prefix WMX1
 * leaves in clear). An observer that subscribes to the same feeds through Mosaic without taking part in the
 * key exchange (the minimal SFU client page, in a second window of one of the three Chromiums) receives the
 * media Janus forwards and decodes none of it.
 */
@Tag("sfu")
@Timeout(300)
class SfuE2eeMeetingIT {
    private static SfuStack stack;
    private static MosaicServer mosaic;
    private static SfuClientSite site;

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.start();
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

    private static String token(String room, String userId, String name) {
        return mosaic.tokens().issue(room, userId, name, Role.PARTICIPANT, Duration.ofMinutes(10));
    }

    @Test
    void threeWidgetsAndAJavaClientEncryptEverythingThroughJanus() throws Exception {
        String room = "sfu-e2ee-" + UUID.randomUUID().toString().substring(0, 8);
        mosaic.rooms().create(room, new RoomOptions(true, 0, null, false, MediaMode.SFU));
        List<DemoParticipant> people = new ArrayList<>();
        List<AutoCloseable> open = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (String name : List.of("Ana", "Ben", "Cleo")) {
                DemoParticipant p = new DemoParticipant(name);
                people.add(p);
                open.add(p);
                p.join(mosaic.localUrl(), room, true, token(room, name.toLowerCase(), name));
            }
            for (DemoParticipant p : people) {
                assertEquals("sfu", p.diagnostic("media()"), p.name() + " uses the SFU transport");
            }
            BlockingQueue<String> javaChat = new LinkedBlockingQueue<>();
            MeetingClient bot = MeetingClient.builder(
                            URI.create(mosaic.webSocketUrl()), room, token(room, "bot", "Java Bot"))
                    .listener(new MeetingClientListener() {
                        @Override
                        public void onChat(ServerMessage.Chat m) {
                            javaChat.add(m.name() + ": " + m.text());
                        }
                    })
                    .build();
            open.add(bot);
            assertTrue(bot.join().e2ee(), "the Java client is in an E2EE room");

            try {
                waitFor(
                        "each browser decodes the two others' video",
                        Duration.ofSeconds(60),
                        () -> allDecoding(people));
            } catch (AssertionError e) {
                dump(people);
                throw e;
            }
            System.out.printf(
                    "SFU E2EE meeting: everyone decodes both others %.1f s after the first browser started%n",
                    (System.nanoTime() - started) / 1e9);
            waitFor(
                    "one security code in the three browsers and the Java client",
                    Duration.ofSeconds(20),
                    () -> bot.securityCode() != null
                            && people.stream().allMatch(p -> bot.securityCode().equals(p.securityCode())));
            assertTrue(bot.securityCode().matches("\\d{5}( \\d{5}){5}"), bot.securityCode());
            System.out.println("  security code (3 browsers and Java): " + bot.securityCode());

            // Every tile advances, above 5 fps (loose: a busy 2-core machine).
            for (DemoParticipant p : people) {
                Map<String, Long> before = p.framesDecoded();
                long t0 = System.nanoTime();
                Thread.sleep(2000);
                List<Map<String, Object>> later = p.remoteVideo();
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(2, later.size(), p.name() + " sees the others: " + later);
                for (Map<String, Object> v : later) {
                    String id = (String) v.get("id");
                    double fps = (n(v, "framesDecoded") - before.getOrDefault(id, 0L)) / seconds;
                    System.out.printf(
                            "  %s decodes %s at %.1f fps, %sx%s%n",
                            p.name(), id, fps, v.get("videoWidth"), v.get("videoHeight"));
                    assertTrue(fps > 5, p.name() + " decodes " + id + " at " + fps + " fps");
                }
            }

            // Steady state: every frame through each page's worker is encrypted (its own) or decrypted
            // (the others'), none failed or lacked a key, and nothing reached a decoder undecrypted.
            List<Map<String, Object>> before =
                    people.stream().map(DemoParticipant::e2ee).toList();
            Thread.sleep(3000);
            for (int i = 0; i < people.size(); i++) {
                DemoParticipant p = people.get(i);
                Map<String, Object> b = before.get(i);
                Map<String, Object> a = p.e2ee();
                long frames = n(a, "frames") - n(b, "frames");
                long encrypted = n(a, "encrypted") - n(b, "encrypted");
                long decrypted = n(a, "decrypted") - n(b, "decrypted");
                System.out.printf(
                        "  %s worker over 3 s: %d frames, %d encrypted, %d decrypted; totals %s%n",
                        p.name(), frames, encrypted, decrypted, a);
                assertEquals(0, n(a, "authFail"), p.name() + ": " + a);
                assertEquals(n(b, "noKey"), n(a, "noKey"), "no frame dropped for a missing key once keyed: " + a);
                assertTrue(encrypted > 0 && decrypted > 0, p.name() + ": " + a);
                assertTrue(
                        Math.abs(frames - encrypted - decrypted) <= 12,
                        p.name() + ": frames " + frames + " vs encrypted+decrypted " + (encrypted + decrypted));
                long decodedFromOthers = 0;
                for (Map<String, Object> v : p.remoteVideo()) {
                    decodedFromOthers += n(v, "framesDecoded");
                }
                assertTrue(decodedFromOthers <= n(a, "decrypted"), "nothing reaches the decoder undecrypted: " + a);
            }

            // Chat is encrypted end to end between the Java client and the browsers.
            bot.sendChat("Bonjour from Java through the SFU 🔐");
            for (DemoParticipant p : people) {
                waitFor(
                        p.name() + " shows the Java chat",
                        Duration.ofSeconds(15),
                        () -> p.chatShown().contains("Bonjour from Java through the SFU 🔐"));
            }
            people.get(1)
                    .script(
                            "const i = document.querySelector('.mosaic-chat-input'); i.value = arguments[0];"
                                    + "i.form.requestSubmit();",
                            "héllo Java, from Ben 👋");
            String got;
            do {
                got = javaChat.poll(15, TimeUnit.SECONDS);
                assertNotNull(got, "no chat from Ben reached the Java client");
            } while (!got.endsWith("héllo Java, from Ben 👋"));
            assertEquals("Ben: héllo Java, from Ben 👋", got);

            // The layer switch works on encrypted frames: Ana pins Ben on the stage (high layer), Cleo's
            // small tile asks for less; Ana's receiver decodes Ben taller than Cleo.
            DemoParticipant ana = people.get(0);
            String ben = people.get(1).participantId();
            String cleo = people.get(2).participantId();
            ana.script(
                    "document.querySelector('.mosaic-tool-layout').click();"
                            + "document.querySelector(`[data-participant-id=\"${arguments[0]}\"]`)"
                            + ".dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));",
                    ben);
            waitFor(
                    "Ana asks for Ben's high layer and a smaller one for Cleo",
                    Duration.ofSeconds(20),
                    () -> Boolean.TRUE.equals(ana.script(
                            "const r = window.mosaicDiagnostics.requestedVideo();"
                                    + "return r[arguments[0] + ':camera'] === 'high'"
                                    + " && r[arguments[1] + ':camera'] !== 'high'",
                            ben,
                            cleo)));
            waitFor("Ana decodes Ben's pinned video taller than Cleo's small tile", Duration.ofSeconds(30), () -> {
                Map<String, Long> h = ana.frameHeights();
                return h.getOrDefault(ben, 0L) > h.getOrDefault(cleo, Long.MAX_VALUE);
            });
            System.out.printf(
                    "  Ana asks %s and decodes frame heights %s (Ben %s pinned); Ben sends %s%n",
                    ana.script("return JSON.stringify(window.mosaicDiagnostics.requestedVideo())"),
                    ana.frameHeights(),
                    ben,
                    people.get(1).diagnostic("sentLayers()"));
            Map<String, Object> anaAfterSwitch = ana.e2ee();
            assertEquals(0, n(anaAfterSwitch, "authFail"), "the switched layer decrypts too: " + anaAfterSwitch);

            observerDecodesNothing(ana, room, List.of(ben, cleo, people.get(0).participantId()));
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    /**
     * A server (which names the participant of each mid in {@code sfu.offer}) or a Janus (which decides
     * what each mid carries) puts Ben's media on Cleo's tile and Cleo's on Ben's, as Ana sees them. The
     * frames are authentic (sealed with the meeting key), but the KID names their sender: Ana's widget
     * shows neither (it decodes no frame on either tile), counts the misplaced frames, says so in red and
     * tells the host page. Before the check it decoded both tiles, each showing the other person.
     */
    @Test
    void mediaMovedToAnotherTileIsNotShown() throws Exception {
        String room = "sfu-swap-" + UUID.randomUUID().toString().substring(0, 8);
        mosaic.rooms().create(room, new RoomOptions(true, 0, null, false, MediaMode.SFU));
        List<AutoCloseable> open = new ArrayList<>();
        try (dev.mosaic.server.ServerInTheMiddle mitm =
                new dev.mosaic.server.ServerInTheMiddle(mosaic.port(), new TrackSwap("Ana", "Ben", "Cleo"))) {
            List<DemoParticipant> people = new ArrayList<>();
            for (String name : List.of("Ben", "Cleo", "Ana")) { // Ana last: the proxy knows Ben and Cleo by then
                DemoParticipant p = new DemoParticipant(name);
                people.add(p);
                open.add(p);
                p.join(mitm.url(), room, true, token(room, name.toLowerCase(), name));
            }
            DemoParticipant ben = people.get(0), cleo = people.get(1), ana = people.get(2);
            String benId = ben.participantId(), cleoId = cleo.participantId();
            waitFor(
                    "Ben and Cleo decode each other (their offers are not touched)",
                    Duration.ofSeconds(90),
                    () -> allDecoding(List.of(ben, cleo)));
            waitFor(
                    "Ana's worker receives the others' frames",
                    Duration.ofSeconds(30),
                    () -> n(ana.e2ee(), "frames") - n(ana.e2ee(), "encrypted") > 300);
            Thread.sleep(3000); // the swapped media keeps coming
            Map<String, Long> decoded = ana.framesDecoded();
            Map<String, Object> worker = ana.e2ee();
            System.out.printf("  tiles swapped for Ana: she decodes %s; worker %s%n", decoded, worker);
            assertEquals(0L, decoded.getOrDefault(benId, 0L), "Ana shows nothing on Ben's tile: " + decoded);
            assertEquals(0L, decoded.getOrDefault(cleoId, 0L), "Ana shows nothing on Cleo's tile: " + decoded);
            assertTrue(n(worker, "wrongSender") > 50, "the misplaced frames are counted: " + worker);
            assertEquals(0, n(worker, "authFail"), "the frames are authentic, only misplaced: " + worker);
            assertEquals("error", ana.script("return document.querySelector('.mosaic-status').dataset.kind"));
            String status = (String) ana.script("return document.querySelector('.mosaic-status').textContent");
            assertTrue(status.contains("Ben") && status.contains("Cleo"), status);
            ana.browser().switchTo().defaultContent();
            String events = ana.browser().findElement(By.id("events")).getText();
            ana.browser().switchTo().frame(ana.browser().findElement(By.cssSelector("#meeting iframe")));
            assertTrue(events.contains("\"state\":\"wrongSender\""), events);
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    /**
     * "Decodes nothing", as for E2eeMeetingIT's keyless Eve: frames reach the observer (Janus forwards every
     * feed to it: packets arrive on each of its inbound video streams and go through its media worker), the
     * worker decrypts none of them ({@code decrypted} 0, every frame counted as {@code authFail} or
     * {@code noKey}) and the decoder turns none into a picture ({@code framesDecoded} 0 on every stream, no
     * video element shows a frame). The observer is the minimal SFU client page, a member of the room that
     * never takes part in the key exchange, running the widget's own worker script in {@code encrypt} mode with
     * a key of its own for the meeting's current epoch: the media path of a client that has a key, but not the
     * meeting's. (Without any worker, Chromium's decoder turned the first frame of each stream into one picture:
     * the clear codec prefix makes it parse as a keyframe of the right size, its content is ciphertext; it
     * dropped the rest. That is why "decodes" is measured as for Eve, behind the worker.)
     */
    private static void observerDecodesNothing(DemoParticipant host, String room, List<String> senders)
            throws Exception {
        long epoch = n(host.e2ee(), "epoch");
        ChromeDriver browser = host.browser();
        String widgetWindow = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        try {
            browser.get(
                    site.url(mosaic.webSocketUrl(), room, token(room, "observer", "Observer"), false) + "&manual=yes");
            waitFor(
                    "the observer page joined",
                    Duration.ofSeconds(20),
                    () -> browser.executeScript("return window.sfuTest.id") != null);
            browser.executeScript(
                    "const w = new Worker(URL.createObjectURL(new Blob(['importScripts(' + JSON.stringify(arguments[0])"
                            + "  + ');'], {type: 'text/javascript'})));"
                            + "w.postMessage({type: 'mode', mode: 'encrypt'});"
                            + "w.postMessage({type: 'key', epoch: arguments[1], mk: crypto.getRandomValues(new Uint8Array(32))});"
                            + "window.observerWorker = w;"
                            + "const shown = window.show;"
                            + "window.show = (e) => {"
                            + "  if (!e.receiver.transform) e.receiver.transform = new RTCRtpScriptTransform(w,"
                            + "    {role: 'receiver', kind: e.track.kind, trackId: 'observer:' + e.transceiver.mid});"
                            + "  shown(e); };"
                            + "window.sfuSubscribe(arguments[2]);",
                    mosaic.localUrl() + "/mosaic/mosaic-e2ee-worker.js",
                    epoch,
                    senders);
            waitFor(
                    "the observer receives every sender's video packets",
                    Duration.ofSeconds(30),
                    () -> inbound(browser).values().stream()
                                    .filter(s -> n(s, "packetsReceived") > 100)
                                    .count()
                            >= senders.size());
            Thread.sleep(3000); // frames keep arriving meanwhile
            Map<String, Map<String, Object>> seen = inbound(browser);
            @SuppressWarnings("unchecked")
            Map<String, Object> worker =
                    (Map<String, Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "observerWorker.onmessage = ({data}) => { if (data.type === 'stats') done(data.stats); };"
                            + "observerWorker.postMessage({type: 'stats', id: 1});");
            System.out.printf("  observer without the key (epoch %d): streams %s; worker %s%n", epoch, seen, worker);
            assertEquals(senders.size(), seen.size(), "the observer subscribes to every sender: " + seen);
            assertEquals(List.of(), browser.executeScript("return window.sfuTest.errors"), "no errors in the page");
            assertTrue(n(worker, "frames") > 100, "frames reach the observer's worker: " + worker);
            assertEquals(0, n(worker, "decrypted"), "the observer decrypts nothing: " + worker);
            // A few may be in flight between the counter and the crypto when the stats are taken.
            assertTrue(
                    n(worker, "frames") - n(worker, "authFail") - n(worker, "noKey") <= 12,
                    "every frame fails authentication or has no key: " + worker);
            for (Map.Entry<String, Map<String, Object>> e : seen.entrySet()) {
                Map<String, Object> s = e.getValue();
                assertTrue(n(s, "packetsReceived") > 100, "Janus forwards " + e.getKey() + " to the observer: " + s);
                assertEquals(0, n(s, "framesDecoded"), "the observer decodes no frame of " + e.getKey() + ": " + s);
            }
            assertEquals(
                    0L,
                    ((Number) browser.executeScript("return [...document.querySelectorAll('video')]"
                                    + ".reduce((n, v) => n + v.getVideoPlaybackQuality().totalVideoFrames, 0)"))
                            .longValue(),
                    "no video element of the observer shows a frame");
        } finally {
            browser.close();
            browser.switchTo().window(widgetWindow);
            browser.switchTo().frame(browser.findElement(By.cssSelector("#meeting iframe")));
        }
    }

    /** The observer page's inbound video streams by sender: packets, frames received and decoded. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> inbound(ChromeDriver browser) {
        return (Map<String, Map<String, Object>>)
                browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "if (!sub) { done({}); return; }"
                        + "sub.getStats().then((stats) => { const out = {};"
                        + "  stats.forEach((r) => { if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;"
                        + "    const t = sfuTest.tracks.find((x) => x.mid === r.mid && x.kind === 'video');"
                        + "    out[t ? t.participantId : 'mid ' + r.mid] = {packetsReceived: r.packetsReceived || 0,"
                        + "      bytesReceived: r.bytesReceived || 0, framesReceived: r.framesReceived || 0,"
                        + "      framesDecoded: r.framesDecoded || 0, keyFramesDecoded: r.keyFramesDecoded || 0,"
                        + "      framesDropped: r.framesDropped || 0}; });"
                        + "  done(out); }, () => done({}));");
    }

    /** What each page had when a wait failed: video, E2EE counters, layers, console; Janus's warnings. */
    private static void dump(List<DemoParticipant> people) {
        for (DemoParticipant p : people) {
            System.out.println("== " + p.name() + " " + p.participantId());
            System.out.println("  remoteVideo " + p.remoteVideo());
            System.out.println("  e2ee " + p.e2ee());
            System.out.println("  sentLayers " + p.diagnostic("sentLayers()"));
            p.browser().manage().logs().get("browser").forEach(l -> System.out.println("  console " + l));
        }
        stack.janus
                .log()
                .lines()
                .filter(l -> l.contains("ERR") || l.contains("WARN") || l.contains("e2ee"))
                .limit(80)
                .forEach(l -> System.out.println("  janus " + l));
    }

    /** Everyone decodes live video from both others. */
    private static boolean allDecoding(List<DemoParticipant> people) {
        for (DemoParticipant viewer : people) {
            Map<String, Long> f = viewer.framesDecoded();
            for (DemoParticipant sender : people) {
                if (sender != viewer && f.getOrDefault(sender.participantId(), 0L) < 10) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long n(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number v ? v.longValue() : 0;
    }
}
