package dev.mosaic.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionStateTest {
    @Test
    void aJoinThatDropsResumesAndLeavesFollowsTheTable() {
        List<ConnectionState> path = List.of(
                ConnectionState.NEW,
                ConnectionState.CONNECTING,
                ConnectionState.WAITING,
                ConnectionState.JOINED,
                ConnectionState.RECONNECTING,
                ConnectionState.JOINED,
                ConnectionState.LEFT);
        for (int i = 1; i < path.size(); i++) {
            assertTrue(path.get(i - 1).canMoveTo(path.get(i)), path.get(i - 1) + " -> " + path.get(i));
        }
        assertTrue(
                ConnectionState.RECONNECTING.canMoveTo(ConnectionState.WAITING),
                "back after the grace period into a waiting room");
    }

    @Test
    void leftIsFinalAndEveryStateCanLeave() {
        for (ConnectionState s : ConnectionState.values()) {
            assertFalse(ConnectionState.LEFT.canMoveTo(s), "LEFT -> " + s);
            assertEquals(s != ConnectionState.LEFT, s.canMoveTo(ConnectionState.LEFT), s + " -> LEFT");
        }
    }

    @Test
    void nothingReconnectsBeforeItWasInTheRoom() {
        for (ConnectionState s : List.of(ConnectionState.NEW, ConnectionState.CONNECTING, ConnectionState.WAITING)) {
            assertFalse(s.canMoveTo(ConnectionState.RECONNECTING), s + " -> RECONNECTING");
        }
        assertEquals(
                List.of(ConnectionState.JOINED, ConnectionState.RECONNECTING),
                Arrays.stream(ConnectionState.values())
                        .filter(ConnectionState::inMeeting)
                        .toList());
    }
}
