package dev.mosaic.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.client.MeetingException;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.MosaicServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatEchoBotTest {
    @Test
    void theBotEchoesOthersButNotItselfNorOtherEchoes() throws Exception {
        try (MosaicServer server = MosaicServer.builder()
                .port(0)
                .secret("a-sample-secret-that-is-long-enough-1234")
                .start()) {
            URI ws = URI.create(server.webSocketUrl());
            String botToken =
                    server.tokens().issue("maths-101", "bot", "Echo bot", Role.PARTICIPANT, Duration.ofMinutes(5));
            try (ChatEchoBot bot = ChatEchoBot.join(ws, "maths-101", botToken)) {
                BlockingQueue<String> heard = new LinkedBlockingQueue<>();
                String aliceToken =
                        server.tokens().issue("maths-101", "alice", "Alice", Role.PARTICIPANT, Duration.ofMinutes(5));
                MeetingClient alice = MeetingClient.builder(ws, "maths-101", aliceToken)
                        .listener(new MeetingClientListener() {
                            @Override
                            public void onChat(ServerMessage.Chat chat) {
                                heard.add(chat.name() + ": " + chat.text());
                            }
                        })
                        .build();
                alice.join();

                alice.sendChat("is anyone there?");
                assertEquals("Alice: is anyone there?", heard.poll(5, TimeUnit.SECONDS));
                assertEquals("Echo bot: echo: is anyone there?", heard.poll(5, TimeUnit.SECONDS));
                alice.sendChat("echo: not again");
                assertEquals("Alice: echo: not again", heard.poll(5, TimeUnit.SECONDS));
                assertNull(heard.poll(300, TimeUnit.MILLISECONDS));
                alice.leave();
            }
        }
    }

    @Test
    void aRefusedJoinSaysWhy() throws Exception {
        try (MosaicServer server = MosaicServer.builder()
                .port(0)
                .secret("a-sample-secret-that-is-long-enough-1234")
                .start()) {
            String forAnotherRoom =
                    server.tokens().issue("history", "bot", "Bot", Role.PARTICIPANT, Duration.ofMinutes(5));
            MeetingException e = assertThrows(
                    MeetingException.class,
                    () -> ChatEchoBot.join(URI.create(server.webSocketUrl()), "maths-101", forAnotherRoom));
            assertEquals(ErrorCode.TOKEN_WRONG_ROOM, e.code());
        }
    }
}
