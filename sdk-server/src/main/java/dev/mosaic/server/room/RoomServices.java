package dev.mosaic.server.room;

import dev.mosaic.server.events.EventDispatcher;
import dev.mosaic.server.ice.IceConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every room of one server shares: ICE servers for {@code joined}, callbacks, resume secrets, timers.
 * {@code unusedRoomExpiry}: how long a room created through the API waits for its first participant by default.
 * {@code maxTokenLifetime}: the longest a join token may live (the server refuses longer ones), so that an
 * empty room that keeps its settings and removals can go once every token issued for it has expired.
 * {@code media}: the media server driver that follows each meeting of an {@code sfu} room (docs/sfu.md).
 */
public record RoomServices(
        IceConfig ice,
        EventDispatcher events,
        ResumeSecrets resumes,
        ScheduledExecutorService timers,
        Duration resumeGrace,
        Clock clock,
        Duration unusedRoomExpiry,
        Duration maxTokenLifetime,
        RoomMediaHooks media) {}
