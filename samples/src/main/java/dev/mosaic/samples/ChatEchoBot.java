package dev.mosaic.samples;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.client.MeetingException;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.ServerMessage;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * A bot that joins a meeting and answers every chat message with an echo of it: the smallest
 * useful {@link MeetingClient} program.
 * <p>Run: {@code MOSAIC_TOKEN=<a join token for the room> mvn -q -pl samples exec:java
 * -Dexec.mainClass=dev.mosaic.samples.ChatEchoBot -Dexec.args="ws://localhost:8080/ws maths-101"}
 */
public final class ChatEchoBot implements AutoCloseable {
    /** Echoes start with this, so two bots in one room do not echo each other forever. */
    public static final String PREFIX = "echo: ";

    private final MeetingClient client;
    private final CountDownLatch gone = new CountDownLatch(1);

    private ChatEchoBot(URI server, String room, String token) {
        this.client = MeetingClient.builder(server, room, token)
                .listener(new MeetingClientListener() {
                    @Override
                    public void onChat(ServerMessage.Chat chat) {
                        boolean mine = client.self() != null
                                && chat.from().equals(client.self().id());
                        if (!mine && !chat.text().startsWith(PREFIX)) {
                            client.sendChat(PREFIX + chat.text());
                        }
                    }

                    @Override
                    public void onReconnecting() {
                        System.out.println("connection lost; reconnecting...");
                    }

                    @Override
                    public void onLeft(LeaveReason reason) {
                        System.out.println(
                                "out of the meeting: " + (reason != null ? reason.wireName() : "unknown reason"));
                        gone.countDown();
                    }
                })
                .build();
    }

    /** Joins {@code room} and starts echoing; throws with the server's reason if the join is refused. */
    public static ChatEchoBot join(URI server, String room, String token)
            throws MeetingException, InterruptedException {
        ChatEchoBot bot = new ChatEchoBot(server, room, token);
        bot.client.join();
        return bot;
    }

    /** Blocks until the bot is out of the meeting (ended, removed, or the connection is lost for good). */
    public void awaitLeft() throws InterruptedException {
        gone.await();
    }

    @Override
    public void close() throws InterruptedException {
        client.leave();
    }

    public static void main(String[] args) throws InterruptedException {
        String token = System.getenv("MOSAIC_TOKEN");
        if (args.length != 2 || token == null || token.isBlank()) {
            System.err.println("Usage: MOSAIC_TOKEN=<join token> ChatEchoBot <ws-url> <room>");
            System.err.println("  e.g. ChatEchoBot ws://localhost:8080/ws maths-101");
            System.exit(2);
        }
        try {
            ChatEchoBot bot = join(URI.create(args[0]), args[1], token);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    bot.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("Echo bot is in room " + args[1] + "; press Ctrl+C to leave.");
            bot.awaitLeft();
        } catch (MeetingException e) {
            System.err.println(
                    "could not join: " + (e.code() != null ? e.code().wireName() + ": " : "") + e.getMessage());
            System.exit(1);
        }
    }
}
