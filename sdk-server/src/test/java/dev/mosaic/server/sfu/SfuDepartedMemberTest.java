package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.room.Connection;
import dev.mosaic.server.room.Member;
import dev.mosaic.server.room.Room;
import dev.mosaic.server.room.RoomOptions;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A removed participant's requests still in flight (read from its socket before the server closed it)
 * must not open a Janus handle again: nobody would ever detach it, and its feed would outlive the
 * removal. No Janus is needed: the refusal comes before any request to one.
 */
class SfuDepartedMemberTest {
    private static final class Socket implements Connection {
        @Override
        public void send(ServerMessage message) {}

        @Override
        public void close(int code, String reason) {}
    }

    @Test
    void aMemberThatLeftCannotPublishSubscribeOrTrickleAnyMore() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        MosaicServer server = MosaicServer.builder().port(0).secret(secret).start();
        // Nothing listens on the discard port: a request that reached Janus would fail later, not now.
        SfuMedia sfu = new SfuMedia(new JanusPool(List.of(URI.create("ws://127.0.0.1:9")), "key"));
        try {
            Room room = server.rooms().create("departed", new RoomOptions(false, 0, null, false, MediaMode.SFU));
            Member member = new Member(
                    new Participant("pRemoved0001", "u1", "Mallory", Role.PARTICIPANT, MediaState.NONE),
                    new Socket(),
                    "j1",
                    "t1",
                    Instant.now());
            sfu.started(room);
            sfu.admitted(room, member);
            sfu.left(room, member); // what the room does when a host removes them

            ProtocolException publish = assertThrows(
                    ProtocolException.class,
                    () -> sfu.publish(room, member, new ClientMessage.SfuPublish("p", "camera", "v=0\r\n")));
            assertEquals(ErrorCode.FORBIDDEN, publish.code(), publish.getMessage());
            ProtocolException subscribe = assertThrows(
                    ProtocolException.class,
                    () -> sfu.subscribe(room, member, new ClientMessage.SfuSubscribe("s", List.of())));
            assertEquals(ErrorCode.FORBIDDEN, subscribe.code(), subscribe.getMessage());
            ProtocolException candidate = assertThrows(
                    ProtocolException.class,
                    () -> sfu.candidate(
                            room, member, new ClientMessage.SfuCandidate("c", "publisher", "camera", null)));
            assertEquals(ErrorCode.FORBIDDEN, candidate.code(), candidate.getMessage());
        } finally {
            sfu.close();
            server.close();
        }
    }
}
