package dev.mosaic.server.room;

import dev.mosaic.core.protocol.MediaState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Rooms of this server process. Each change runs atomically per room through {@link ConcurrentHashMap#compute}. */
public final class InMemoryRooms implements Rooms {
    /** room id → members by participant id, in join order. */
    private final ConcurrentHashMap<String, LinkedHashMap<String, Member>> rooms = new ConcurrentHashMap<>();

    @Override
    public List<Member> join(String room, Member member) {
        List<Member> before = new ArrayList<>();
        rooms.compute(room, (id, members) -> {
            LinkedHashMap<String, Member> m = members != null ? members : new LinkedHashMap<>();
            before.addAll(m.values());
            m.put(member.id(), member);
            return m;
        });
        return before;
    }

    @Override
    public Optional<Member> leave(String room, String participantId) {
        AtomicReference<Member> removed = new AtomicReference<>();
        rooms.computeIfPresent(room, (id, members) -> {
            removed.set(members.remove(participantId));
            return members.isEmpty() ? null : members;
        });
        return Optional.ofNullable(removed.get());
    }

    @Override
    public Optional<Member> find(String room, String participantId) {
        AtomicReference<Member> found = new AtomicReference<>();
        rooms.computeIfPresent(room, (id, members) -> {
            found.set(members.get(participantId));
            return members;
        });
        return Optional.ofNullable(found.get());
    }

    @Override
    public List<Member> members(String room) {
        List<Member> out = new ArrayList<>();
        rooms.computeIfPresent(room, (id, members) -> {
            out.addAll(members.values());
            return members;
        });
        return out;
    }

    @Override
    public Optional<Member> updateMedia(String room, String participantId, MediaState media) {
        AtomicReference<Member> updated = new AtomicReference<>();
        rooms.computeIfPresent(room, (id, members) -> {
            Member current = members.get(participantId);
            if (current != null) {
                Member next = current.withParticipant(current.participant().withMedia(media));
                members.put(participantId, next);
                updated.set(next);
            }
            return members;
        });
        return Optional.ofNullable(updated.get());
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }
}
