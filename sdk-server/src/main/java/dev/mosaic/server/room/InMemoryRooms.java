package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.Attendance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms in this server's memory, plus the attendance of the last {@value #ENDED_KEPT} meetings that ended.
 * A room created through the API, or one someone was removed from, outlives its meeting: when the last
 * person leaves, a fresh empty instance with the same {@link RoomRecord} takes its place, until the room
 * is deleted or expires (see {@link #keptUntil}).
 */
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
    private final int defaultSfuThreshold;

    public InMemoryRooms(RoomServices services) {
        this(services, MediaMode.MESH);
    }

    /** Rooms that name no media mode (and rooms started by a join) get {@code defaultMedia}. */
    public InMemoryRooms(RoomServices services, MediaMode defaultMedia) {
        this(services, defaultMedia, RoomOptions.DEFAULT_SFU_THRESHOLD);
    }

    /** ... and {@code auto} rooms that name no threshold move to the SFU above {@code defaultSfuThreshold} people. */
    public InMemoryRooms(RoomServices services, MediaMode defaultMedia, int defaultSfuThreshold) {
        this.services = services;
        this.defaultMedia = Objects.requireNonNull(defaultMedia);
        this.defaultSfuThreshold = defaultSfuThreshold;
    }

    private RoomOptions withDefaults(RoomOptions options) {
        return options.withDefaultMedia(defaultMedia).withDefaultSfuThreshold(defaultSfuThreshold);
    }

    @Override
    public Room create(String name, RoomOptions options) throws ProtocolException {
        return create(name, options, services.clock().instant().plus(services.unusedRoomExpiry()));
    }

    @Override
    public Room create(String name, RoomOptions options, Instant expiresAt) throws ProtocolException {
        InMemoryRoom room = new InMemoryRoom(
                name,
                new RoomRecord(withDefaults(options), Objects.requireNonNull(expiresAt)),
                expiresAt,
                services,
                this::ended);
        if (rooms.putIfAbsent(name, room) != null) {
            throw new ProtocolException(
                    ErrorCode.CONFLICT,
                    "room '" + name
                            + "' exists (going on, or kept with its settings until it expires); delete it first or pick another name");
        }
        return room;
    }

    @Override
    public Room open(String name) {
        return rooms.computeIfAbsent(
                name,
                n -> new InMemoryRoom(
                        n, new RoomRecord(withDefaults(RoomOptions.DEFAULT), null), null, services, this::ended));
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
            LOG.info("{} room(s) expired: created through the API, or kept after a meeting, and left empty", expired);
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
        Attendance going = room != null ? room.attendance() : null;
        if (going != null && going.startedAt() != null) {
            return Optional.of(going);
        }
        synchronized (ended) {
            // A kept room waiting for its next meeting: the last meeting's attendance says more than none.
            Attendance last = ended.get(name);
            return Optional.ofNullable(last != null ? last : going);
        }
    }

    /** Called by a room, under its lock, as its meeting ends; {@code deleted} when the room goes too. */
    private void ended(InMemoryRoom room, boolean deleted) {
        Attendance attendance = room.attendance();
        if (attendance.startedAt() != null) {
            synchronized (ended) {
                ended.remove(room.name());
                ended.put(room.name(), attendance);
            }
        }
        RoomRecord record = room.record();
        if (deleted || !record.worthKeeping()) {
            rooms.remove(room.name(), room);
            return;
        }
        InMemoryRoom next = new InMemoryRoom(room.name(), record, keptUntil(record), services, this::ended);
        rooms.replace(room.name(), room, next);
    }

    /**
     * How long an empty room stays for its next meeting: until every token that could have been issued
     * for it so far has expired (tokens live at most {@link RoomServices#maxTokenLifetime}, counted from
     * now), and at least until the expiry it was created with.
     */
    private Instant keptUntil(RoomRecord record) {
        Instant byTokens =
                services.clock().instant().plus(services.maxTokenLifetime()).plus(JoinTokens.CLOCK_SKEW);
        Instant created = record.createdExpiresAt();
        return created != null && created.isAfter(byTokens) ? created : byTokens;
    }
}
