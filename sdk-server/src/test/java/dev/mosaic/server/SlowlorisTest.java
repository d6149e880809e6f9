package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris over raw sockets on loopback: connections that trickle a request header (a line at a time,
 * or empty lines before the request line) are closed once the header timeout has passed, although each
 * trickle restarts Jetty's idle timeout; silent connections go at the idle timeout; one address cannot
 * hold more HTTP connections than its cap; and an honest kept-alive client is never cut off.
 */
class SlowlorisTest {
    private MosaicServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.stop();
    }

    private Socket open() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(s);
        return s;
    }

    /** True once the server has closed {@code s}; waits at most {@code millis} for that. */
    private static boolean closedWithin(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        InputStream in = s.getInputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
                // a 408 or 400 answer before the close is fine: read on to the end
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void tricklingAHeaderIsCutOffAfterTheHeaderTimeoutWhileHonestKeepAliveGoesOn() throws Exception {
        server = TestServers.builder().httpHeaderTimeout(Duration.ofSeconds(1)).start();
        List<Socket> tricklers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Socket s = open();
            // Half start a request and add a header line now and then; the others send empty lines
            // before any request line, which the parser skips.
            s.getOutputStream()
                    .write((i % 2 == 0 ? "GET /mosaic/mosaic.js HTTP/1.1\r\nHost: 127.0.0.1\r\n" : "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            tricklers.add(s);
        }
        long start = System.nanoTime();
        try (KeptAliveHttp honest = new KeptAliveHttp(server)) {
            // Each trickle comes far sooner than any idle timeout; only the header timeout can end them.
            List<Socket> left = new ArrayList<>(tricklers);
            int honestRequests = 0;
            // Until every trickler is gone, and the honest connection has lasted over twice the header timeout.
            while ((!left.isEmpty()
                            || System.nanoTime() - start
                                    < Duration.ofMillis(2500).toNanos())
                    && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
                for (Socket s : List.copyOf(left)) {
                    try {
                        s.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closedByServer) {
                        left.remove(s);
                        continue;
                    }
                    if (closedWithin(s, 50)) {
                        left.remove(s);
                    }
                }
                // Meanwhile an honest client sends complete requests on one kept-alive connection,
                // for longer than the header timeout in all.
                assertEquals(
                        200, honest.send("GET", "/mosaic/mosaic.js", null, null).status());
                honestRequests++;
                Thread.sleep(100); // the honest client's pace, not a wait for anything
            }
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(left.isEmpty(), left.size() + " trickling connections still open after " + seconds + " s");
            assertTrue(honestRequests > 5, "the honest client went on: " + honestRequests);
            assertEquals(
                    200, honest.send("GET", "/mosaic/mosaic.js", null, null).status(), "the honest connection stayed");
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleTimeout() throws Exception {
        server = TestServers.builder().httpIdleTimeout(Duration.ofSeconds(1)).start();
        Socket silent = open();
        assertTrue(closedWithin(silent, 15_000), "a connection that sends nothing is closed");
    }

    @Test
    void oneAddressHoldsAtMostItsCapOfHttpConnections() throws Exception {
        server = TestServers.builder().httpConnectionsPerAddress(20).start();
        // WebSockets do not count against it once upgraded: they have their own limit (connectionsPerAddress).
        List<RawClient> webSockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawClient ws = RawClient.connect(server);
            // An answer over the WebSocket means the upgrade is done and the HTTP connection counted out.
            ws.send("{}");
            assertEquals("error", ws.next().get("type").getAsString());
            webSockets.add(ws);
        }
        for (int i = 0; i < 60; i++) {
            open();
        }
        int closed = 0;
        for (Socket s : sockets) {
            if (closedWithin(s, 100)) {
                closed++;
            }
        }
        assertEquals(40, closed, "beyond the cap of 20 each connection is closed at once, WebSockets apart");
        for (RawClient ws : webSockets) {
            assertTrue(ws.isOpen());
            ws.closeBlocking();
        }
        for (Socket s : List.copyOf(sockets)) {
            s.close();
        }
        sockets.clear();
        // Once they are gone the address may connect again.
        assertTrue(
                ModerationTest.waitFor(() -> {
                    try (KeptAliveHttp http = new KeptAliveHttp(server)) {
                        return http.send("GET", "/mosaic/mosaic.js", null, null).status() == 200;
                    } catch (IOException refused) {
                        return false;
                    }
                }),
                "a new connection is served once the others closed");
    }
}
