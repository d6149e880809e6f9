package dev.mosaic.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each host command is one wire message, as docs/protocol.md "Host actions" shows it. */
class HostCommandsTest {
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1);
    private final HostCommands host =
            new HostCommands(m -> sent.add(MessageCodec.encode(m)), () -> String.valueOf(ids.getAndIncrement()));

    @Test
    void commandsGoOutAsTheirWireMessagesWithFreshIds() throws Exception {
        host.mute("p2", MediaKind.VIDEO);
        host.muteAll(MediaKind.AUDIO, false);
        host.allowUnmute("p2", MediaKind.AUDIO, true);
        host.promote("p3", Role.PARTICIPANT);
        host.lock(true);
        host.end();
        assertEquals(new ClientMessage.Mute("1", "p2", MediaKind.VIDEO), MessageCodec.decodeClient(sent.get(0)));
        assertEquals(new ClientMessage.MuteAll("2", MediaKind.AUDIO, false), MessageCodec.decodeClient(sent.get(1)));
        assertEquals(
                new ClientMessage.AllowUnmute("3", MediaKind.AUDIO, true, "p2"),
                MessageCodec.decodeClient(sent.get(2)));
        assertEquals(new ClientMessage.Promote("4", "p3", "participant"), MessageCodec.decodeClient(sent.get(3)));
        assertEquals(new ClientMessage.Lock("5", true), MessageCodec.decodeClient(sent.get(4)));
        assertEquals(new ClientMessage.End("6"), MessageCodec.decodeClient(sent.get(5)));
    }

    @Test
    void promoteNeverLowersARole() {
        assertThrows(IllegalArgumentException.class, () -> host.promote("p3", Role.VIEWER));
        assertEquals(List.of(), sent);
    }
}
