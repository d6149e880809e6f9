package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One participant token must not let its holder pin much of the server's memory: outbound queues are
 * bounded in bytes (not only in messages), signals to yourself and control characters (six-byte
 * escapes when written back out) are refused, and honest participants keep chatting throughout.
 */
class MemoryAmplificationTest {
    private static final String ROOM = "amplified";
    /** An offer near the 64 KiB message limit: a thousand of them queued would be about 60 MB. */
    private static final String BIG_SDP = "v=0\\r\\n" + "a=x-filler:" + "y".repeat(60_000) + "\\r\\n";

    private MosaicServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aReaderThatStopsReadingPinsNoMoreThanTheQueueByteBound() throws Exception {
        // Mallory may send fast (her accomplice's rate is not the point here); everything else is default.
        server = TestServers.builder()
                .messageRate(10_000, 10_000)
                .resumeGrace(Duration.ZERO)
                .start();
        long bound = server.config().limits().maxQueuedBytes();
        HonestChatters honest = new HonestChatters(server, ROOM, 3);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            String stuckId = SlowClientTest.joinWithoutReadingAfterwards(
                    stuck, ROOM, token(server, ROOM, "Stuck", Role.PARTICIPANT));
            RawClient mallory = RawClient.connect(server);
            mallory.joinAs(ROOM, token(server, ROOM, "Mallory", Role.PARTICIPANT));

            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (attacking.get()) {
                    peak.accumulateAndGet(server.largestOutboundQueueBytes(), Math::max);
                    LockSupport.parkNanos(200_000);
                }
            });
            sampler.start();
            honest.startTalking(20);
            int sent = 0;
            // Kernel buffers on loopback take a few MB before the server's queue grows at all.
            while (!cutOff(mallory, stuckId) && sent < 2000) {
                mallory.send("{\"v\":1,\"type\":\"offer\",\"to\":\"" + stuckId + "\",\"sdp\":\"" + BIG_SDP + "\"}");
                sent++;
            }
            assertTrue(
                    ModerationTest.waitFor(() -> cutOff(mallory, stuckId)),
                    "the reader that stopped reading was cut off after " + sent + " offers of 60 KB");
            attacking.set(false);
            sampler.join();
            String counts = honest.stopTalking();
            honest.assertEveryMessageArrivedInOrder();
            System.out.printf(
                    "MemoryAmplificationTest: %d offers of 60 KB to a reader that stopped; peak queue %d bytes "
                            + "(bound %d); honest chats %s%n",
                    sent, peak.get(), bound, counts);
            // The counter may overshoot by the one message that finds the queue full, never more.
            assertTrue(peak.get() <= bound + 70_000, "peak queue " + peak.get() + " bytes, bound " + bound);
        }
    }

    private static boolean cutOff(RawClient observer, String id) {
        return observer.rawTexts.stream().anyMatch(t -> t.contains("\"participantLeft\"") && t.contains(id));
    }

    @Test
    void signalsToYourselfAreRefused() throws Exception {
        server = TestServers.builder().start();
        RawClient mallory = RawClient.connect(server);
        String me = mallory.joinAs(ROOM, token(server, ROOM, "Mallory", Role.PARTICIPANT));
        String[] toSelf = {
            "{\"v\":1,\"type\":\"offer\",\"id\":\"o\",\"to\":\"" + me + "\",\"sdp\":\"" + BIG_SDP + "\"}",
            "{\"v\":1,\"type\":\"answer\",\"id\":\"a\",\"to\":\"" + me + "\",\"sdp\":\"v=0\"}",
            "{\"v\":1,\"type\":\"candidate\",\"id\":\"c\",\"to\":\"" + me + "\",\"candidate\":{\"candidate\":\"c\"}}",
            "{\"v\":1,\"type\":\"view.constraints\",\"id\":\"v\",\"to\":\"" + me
                    + "\",\"maxHeight\":1,\"maxFps\":1,\"active\":true}",
        };
        for (String text : toSelf) {
            mallory.send(text);
            JsonObject error = mallory.next();
            assertEquals("error", error.get("type").getAsString(), "nothing relayed back: " + error);
            assertEquals("bad_request", error.get("code").getAsString());
            assertTrue(error.get("message").getAsString().contains("yourself"), error.toString());
        }
    }

    @Test
    void controlCharactersAreRefusedNotEscapedSixfoldToEveryone() throws Exception {
        server = TestServers.builder().start();
        RawClient mallory = RawClient.connect(server);
        mallory.joinAs(ROOM, token(server, ROOM, "Mallory", Role.PARTICIPANT));
        RawClient ada = RawClient.connect(server);
        ada.joinAs(ROOM, token(server, ROOM, "Ada", Role.PARTICIPANT));
        // Raw: 3,900 one-byte characters that would go out to each member as 23,400 bytes.
        mallory.send("{\"v\":1,\"type\":\"chat\",\"id\":\"raw\",\"text\":\"" + "\u0001".repeat(3900) + "\"}");
        assertEquals("bad_request", mallory.next("error").get("code").getAsString());
        mallory.send("{\"v\":1,\"type\":\"chat\",\"id\":\"esc\",\"text\":\"" + "\\u001b".repeat(100) + "\"}");
        JsonObject error = mallory.next("error");
        assertEquals("bad_request", error.get("code").getAsString());
        assertTrue(error.get("message").getAsString().contains("control character"), error.toString());
        mallory.send("{\"v\":1,\"type\":\"chat\",\"text\":\"two\\nlines\"}");
        // Ada's first chat is the honest one: neither refused text reached her.
        assertEquals("two\nlines", ada.next("chat").get("text").getAsString());
    }
}
