package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.server.events.Attendance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rooms in this server's memory, plus the attendance of the last {@value #ENDED_KEPT} rooms that ended. */
public final class InMemoryRooms implements Rooms {
    static final int ENDED_KEPT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryRooms.class);

    private final RoomServices services;
    private final ConcurrentHashMap<String, InMemoryRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, Attendance> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attendance> eldest) {
            return size() > ENDED_KEPT;
        }
    };

    private final MediaMode defaultMedia;

    public InMemoryRooms(RoomServices services) {
        this(services, MediaMode.MESH);
    }

    /** Rooms that name no media mode (and rooms started by a join) get {@code defaultMedia}. */
    public InMemoryRooms(RoomServices services, MediaMode defaultMedia) {
        this.services = services;
        this.defaultMedia = Objects.requireNonNull(defaultMedia);
    }

    @Override
    public Room create(String name, RoomOptions options) throws ProtocolException {
        return create(name, options, services.clock().instant().plus(services.unusedRoomExpiry()));
    }

    @Override
    public Room create(String name, RoomOptions options, Instant expiresAt) throws ProtocolException {
        InMemoryRoom room = new InMemoryRoom(name, options.withDefaultMedia(defaultMedia), Objects.requireNonNull(expiresAt),
                services, this::ended);
        if (rooms.putIfAbsent(name, room) != null) {
            throw new ProtocolException(ErrorCode.CONFLICT, "room '" + name + "' is already going on; end it first or pick another name");
        }
        return room;
    }

    @Override
    public Room open(String name) {
        return rooms.computeIfAbsent(name, n -> new InMemoryRoom(n, RoomOptions.DEFAULT.withDefaultMedia(defaultMedia), null, services, this::ended));
    }

    @Override
    public Optional<Room> find(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    @Override
    public List<Room> all() {
        return List.copyOf(rooms.values());
    }

    @Override
    public int expireUnused() {
        Instant now = services.clock().instant();
        int expired = 0;
        for (InMemoryRoom room : rooms.values()) {
            if (room.expireIfUnused(now)) {
                expired++;
            }
        }
        if (expired > 0) {
            LOG.info("{} room(s) created through the API expired with nobody having joined", expired);
        }
        return expired;
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public Optional<Attendance> attendance(String name) {
        Room room = rooms.get(name);
        if (room != null) {
            return Optional.of(room.attendance());
        }
        synchronized (ended) {
            return Optional.ofNullable(ended.get(name));
        }
    }

    /** Called by a room, under its lock, as it ends. */
    private void ended(Room room) {
        Attendance attendance = room.attendance();
        if (attendance.startedAt() != null) {
            synchronized (ended) {
                ended.remove(room.name());
                ended.put(room.name(), attendance);
            }
        }
        rooms.remove(room.name(), room);
    }
}
