package dev.mosaic.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lying server for tests: a TCP proxy on loopback in front of the real server that passes HTTP
 * through untouched and, on WebSocket connections, lets the test rewrite, drop or add any text
 * message the server sends to a client ({@link Rewriter}) and inject messages of its own
 * ({@link Connection#inject}). To the browsers it is the server: pages, widget and socket all come
 * from its address. Compression is kept off (the client's extension offer is removed) so frames can
 * be read; what clients send goes to the server byte for byte.
 */
public final class ServerInTheMiddle implements AutoCloseable {
    /** Decides what a client gets instead of each text message from the server. */
    public interface Rewriter {
        List<String> toClient(Connection connection, String text);
    }

    /** One client's WebSocket as the proxy sees it. */
    public static final class Connection {
        private final OutputStream toClient;
        /** The participant id, once the test learnt it from {@code joined}. */
        volatile String participantId;

        private Connection(OutputStream toClient) {
            this.toClient = toClient;
        }

        /** Sends {@code text} to the client as if the server had. */
        void inject(String text) {
            try {
                writeTextFrame(text);
            } catch (IOException e) {
                // the client went away
            }
        }

        private synchronized void writeTextFrame(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            frame.write(payload);
            toClient.write(frame.toByteArray());
            toClient.flush();
        }

        private synchronized void writeRaw(byte[] frame) throws IOException {
            toClient.write(frame);
            toClient.flush();
        }
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final Rewriter rewriter;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<Connection> connections = new CopyOnWriteArrayList<>();

    public ServerInTheMiddle(int targetPort, Rewriter rewriter) throws IOException {
        this.targetPort = targetPort;
        this.rewriter = rewriter;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("mitm-accept", this::acceptLoop);
    }

    /** The address browsers load the meeting from. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** The signaling address for Java clients. */
    public java.net.URI webSocketUri() {
        return java.net.URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/ws");
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon("mitm-conn", () -> serve(client, server));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client, Socket server) {
        try {
            InputStream fromClient = client.getInputStream();
            OutputStream toServer = server.getOutputStream();
            String head = readHead(fromClient);
            if (head == null) {
                return;
            }
            boolean webSocket = head.toLowerCase(Locale.ROOT).contains("upgrade: websocket");
            if (webSocket) {
                // No permessage-deflate: the proxy reads and writes plain text frames.
                head = String.join(
                                "\r\n",
                                head.lines()
                                        .filter(l -> !l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions"))
                                        .toList())
                        + "\r\n\r\n";
            }
            toServer.write(head.getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            daemon("mitm-up", () -> pipe(fromClient, toServer));
            InputStream fromServer = server.getInputStream();
            OutputStream toClient = client.getOutputStream();
            if (!webSocket) {
                pipe(fromServer, toClient);
                return;
            }
            String response = readHead(fromServer);
            if (response == null) {
                return;
            }
            toClient.write(response.getBytes(StandardCharsets.ISO_8859_1));
            toClient.flush();
            Connection connection = new Connection(toClient);
            connections.add(connection);
            relayFrames(fromServer, connection);
        } catch (IOException e) {
            // a side closed
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Server-to-client frames: text messages go through the rewriter, the rest as they are. */
    private void relayFrames(InputStream in, Connection connection) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.write(b0);
            raw.write(b1);
            long length = b1 & 0x7f;
            int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (extra > 0) {
                byte[] ext = in.readNBytes(extra);
                raw.write(ext);
                length = 0;
                for (byte x : ext) {
                    length = (length << 8) | (x & 0xff);
                }
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            if (mask != null) {
                raw.write(mask);
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                return;
            }
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            int opcode = b0 & 0x0f;
            boolean fin = (b0 & 0x80) != 0;
            if (opcode == 1 || (opcode == 0 && message.size() > 0)) {
                message.write(payload);
                if (fin) {
                    String text = message.toString(StandardCharsets.UTF_8);
                    message.reset();
                    for (String out : rewriter.toClient(connection, text)) {
                        connection.writeTextFrame(out);
                    }
                }
            } else {
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                raw.write(payload);
                connection.writeRaw(raw.toByteArray());
            }
        }
    }

    /** An HTTP head up to the blank line, or null if the connection closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too long");
            }
        }
        return null;
    }

    private static void pipe(InputStream in, OutputStream out) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
