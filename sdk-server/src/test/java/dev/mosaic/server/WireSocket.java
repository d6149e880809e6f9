package dev.mosaic.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written on a plain TCP socket, for attack and fuzz tests: it sends any bytes
 * in a text frame (invalid UTF-8 included), may never read, and reads frames on the caller's thread.
 * Not thread-safe; one thread drives one socket.
 */
final class WireSocket implements AutoCloseable {
    /** A frame from the server: a text message, or the close code once the server closed. */
    record Frame(String text, int closeCode) {
        boolean isClose() {
            return text == null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] mask = new byte[4];

    private WireSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the WebSocket handshake; throws if the server does not switch protocols. */
    static WireSocket open(MosaicServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        WireSocket ws = new WireSocket(s);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String status = ws.readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("no WebSocket upgrade: " + status);
        }
        return ws;
    }

    /** Reads the response head up to the blank line; returns its first line. */
    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }

    void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame carrying exactly these bytes, valid UTF-8 or not. */
    void sendTextBytes(byte[] payload) throws IOException {
        sendFrame(0x1, payload);
    }

    /** Sends one masked frame with FIN set. */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        int n = payload.length;
        byte[] header;
        if (n < 126) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | n)};
        } else if (n < 65536) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (n >>> 8), (byte) n};
        } else {
            header = new byte[10];
            header[0] = (byte) (0x80 | opcode);
            header[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                header[9 - i] = (byte) ((long) n >>> (8 * i));
            }
        }
        RANDOM.nextBytes(mask);
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header);
        out.write(mask);
        out.write(masked);
        out.flush();
    }

    /**
     * The next text message or the close, answering pings on the way; null if nothing came within
     * {@code millis}. A connection that ends without a close frame reads as close code 1006.
     */
    /**
     * Reads JSON messages until {@code done} accepts one (returned) or the server closes (returned as
     * {@code {"closeCode":n}}); null when nothing came for 10 s.
     */
    com.google.gson.JsonObject readUntil(java.util.function.Predicate<com.google.gson.JsonObject> done)
            throws IOException {
        while (true) {
            Frame f = read(10_000);
            if (f == null) {
                return null;
            }
            if (f.isClose()) {
                com.google.gson.JsonObject c = new com.google.gson.JsonObject();
                c.addProperty("closeCode", f.closeCode());
                return c;
            }
            com.google.gson.JsonObject m =
                    com.google.gson.JsonParser.parseString(f.text()).getAsJsonObject();
            if (done.test(m)) {
                return m;
            }
        }
    }

    Frame read(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream fragments = null;
        try {
            while (true) {
                int b0;
                try {
                    b0 = in.read();
                } catch (SocketTimeoutException e) {
                    return null;
                }
                if (b0 < 0) {
                    return new Frame(null, 1006);
                }
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                int opcode = b0 & 0x0F;
                boolean fin = (b0 & 0x80) != 0;
                if (opcode == 0x1 || (opcode == 0x0 && fragments != null)) {
                    // A long message may come as a text frame and continuation frames.
                    if (fragments == null) {
                        fragments = new ByteArrayOutputStream();
                    }
                    fragments.write(payload);
                    if (fin) {
                        return new Frame(fragments.toString(StandardCharsets.UTF_8), 0);
                    }
                } else if (opcode == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    try {
                        sendFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    } catch (IOException ignored) {
                        // the server may already have gone
                    }
                    return new Frame(null, code);
                } else if (opcode == 0x9) {
                    sendFrame(0xA, payload);
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return new Frame(null, 1006);
        }
    }

    /** Reads until the server closes; returns the close code (fails after 10 s). */
    int awaitClose() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Frame f = read(1000);
            if (f != null && f.isClose()) {
                return f.closeCode();
            }
        }
        throw new AssertionError("the server did not close within 10 s");
    }

    /** Sends a normal close (1000) and waits briefly for the server's, so the server sees a clean leave. */
    void closeGracefully() throws IOException {
        try {
            try {
                sendFrame(0x8, new byte[] {0x03, (byte) 0xE8});
            } catch (IOException serverClosedFirst) {
                // The server's close (e.g. after a last tolerated error) crossed ours: nothing to wait for.
                return;
            }
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline) {
                Frame f = read(500);
                if (f != null && f.isClose()) {
                    break;
                }
            }
        } finally {
            socket.close();
        }
    }

    /** The input stream, for tests that want to stop reading at the TCP level. */
    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
