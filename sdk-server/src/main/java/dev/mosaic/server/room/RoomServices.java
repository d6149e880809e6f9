package dev.mosaic.server.room;

import dev.mosaic.core.protocol.IceServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every room of one server shares: ICE servers for {@code joined}, callbacks, resume secrets, timers.
 * {@code unusedRoomExpiry}: how long a room created through the API waits for its first participant by default.
 */
public record RoomServices(List<IceServer> iceServers, EventDispatcher events, ResumeSecrets resumes,
                           ScheduledExecutorService timers, Duration resumeGrace, Clock clock, Duration unusedRoomExpiry) {
    public RoomServices {
        iceServers = List.copyOf(iceServers);
    }
}
