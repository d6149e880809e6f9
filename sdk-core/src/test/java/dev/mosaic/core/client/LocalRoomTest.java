package dev.mosaic.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's copy of the room, fed the server's messages as the connection would. */
class LocalRoomTest {
    private static final Participant ME = new Participant("p1", "u1", "Ada", Role.HOST, MediaState.NONE);
    private static final Participant BOB = new Participant("p2", "u2", "Bob", Role.PARTICIPANT, MediaState.NONE);
    private final List<String> heard = new ArrayList<>();
    private final LocalRoom room = new LocalRoom(new MeetingClientListener() {
        @Override
        public void onParticipantJoined(Participant p) {
            heard.add("joined " + p.name());
        }

        @Override
        public void onParticipantLeft(Participant p, LeaveReason reason) {
            heard.add("left " + p.name() + " " + reason.wireName());
        }

        @Override
        public void onParticipantUpdated(Participant p) {
            heard.add("updated " + p.name());
        }

        @Override
        public void onHandRaised(Participant p) {
            heard.add("hand " + p.name());
        }

        @Override
        public void onRoomUpdated(ServerMessage.RoomUpdated r) {
            heard.add("room locked=" + r.locked());
        }

        @Override
        public void onMediaModeChanged(MediaMode media) {
            heard.add("media " + media.wireName());
        }
    });

    private static ServerMessage.Joined joined(List<Participant> others) {
        return new ServerMessage.Joined(
                "join", "maths", ME, others, List.of(), "secret", false, false, "s1", null, null, null, MediaMode.MESH);
    }

    @Test
    void anAutoRoomMovingToTheSfuChangesTheMediaModeAndNobodyLeaves() {
        room.reset(joined(List.of(BOB)));
        assertEquals(MediaMode.MESH, room.media());
        room.apply(new ServerMessage.RoomUpdated(false, false, false, null, List.of(), MediaMode.MESH));
        room.apply(new ServerMessage.RoomUpdated(false, false, false, null, List.of(), MediaMode.SFU));
        assertEquals(MediaMode.SFU, room.media());
        assertEquals(List.of(BOB), room.participants(), "the move keeps everyone, in order");
        assertEquals(List.of("room locked=false", "room locked=false", "media sfu"), heard);
        // A resume answered after the move says sfu too, and that is no second change.
        room.reset(new ServerMessage.Joined(
                "r", "maths", ME, List.of(BOB), List.of(), "s2", false, false, "s1", null, null, null, MediaMode.SFU));
        assertEquals(List.of("room locked=false", "room locked=false", "media sfu"), heard);
    }

    @Test
    void aResumeThatMissedTheMoveHearsItFromJoined() {
        room.reset(joined(List.of(BOB)));
        room.reset(new ServerMessage.Joined(
                "r", "maths", ME, List.of(BOB), List.of(), "s2", false, false, "s1", null, null, null, MediaMode.SFU));
        assertEquals(MediaMode.SFU, room.media());
        assertEquals(List.of("media sfu"), heard);
    }

    @Test
    void joinedSetsEverythingAndLaterMessagesKeepTheCopy() {
        room.reset(joined(List.of()));
        assertTrue(room.apply(new ServerMessage.ParticipantJoined(BOB)));
        assertEquals(List.of(BOB), room.participants());
        assertTrue(room.apply(
                new ServerMessage.RoomUpdated(true, false, false, null, List.of(MediaKind.AUDIO), MediaMode.MESH)));
        assertTrue(room.locked());
        assertEquals(List.of(MediaKind.AUDIO), room.unmuteLocked());
        assertTrue(room.apply(new ServerMessage.ParticipantLeft("p2", LeaveReason.REMOVED)));
        assertEquals(List.of(), room.participants());
        assertEquals(List.of("joined Bob", "room locked=true", "left Bob removed"), heard);
    }

    @Test
    void aHandRaisedIsToldOnceWhenItGoesUpAndUpdatesToMeChangeSelf() {
        room.reset(joined(List.of(BOB)));
        Participant bobHand =
                new Participant("p2", "u2", "Bob", Role.PARTICIPANT, new MediaState(false, false, false, true));
        room.apply(new ServerMessage.ParticipantUpdated(bobHand));
        room.apply(new ServerMessage.ParticipantUpdated(bobHand));
        Participant meTalking =
                new Participant("p1", "u1", "Ada", Role.HOST, new MediaState(true, false, false, false));
        room.apply(new ServerMessage.ParticipantUpdated(meTalking));
        assertEquals(meTalking, room.self());
        assertEquals(List.of(bobHand), room.participants(), "I am not among the others");
        assertEquals(List.of("updated Bob", "hand Bob", "updated Bob", "updated Ada"), heard);
    }

    @Test
    void aLeaveOfSomeoneUnknownIsNotToldAndOtherMessagesAreNotTheRooms() {
        room.reset(joined(List.of()));
        assertTrue(room.apply(new ServerMessage.ParticipantLeft("nobody", LeaveReason.LEFT)));
        assertFalse(room.apply(new ServerMessage.Chat("p2", "Bob", "hi", 1L)));
        assertEquals(List.of(), heard);
    }
}
