package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.events.Attendance;
import dev.mosaic.server.events.MeetingListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host application's callbacks fire once each, in the order things happened. */
class CallbacksTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile Attendance endedWith;
    private MosaicServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aMeetingFromStartToEndIsReportedInOrder() throws Exception {
        server = TestServers.builder()
                .listener(new MeetingListener() {
                    @Override
                    public void onRoomStarted(String room, Instant startedAt) {
                        events.add("started " + room);
                    }

                    @Override
                    public void onRoomEnded(String room, Attendance attendance) {
                        endedWith = attendance;
                        events.add("ended " + room);
                    }

                    @Override
                    public void onParticipantJoined(String room, Participant p) {
                        events.add("joined " + p.name());
                    }

                    @Override
                    public void onParticipantLeft(String room, Participant p, LeaveReason reason) {
                        events.add("left " + p.name() + " " + reason.wireName());
                    }

                    @Override
                    public void onParticipantUpdated(String room, Participant p) {
                        events.add("updated " + p.name() + " hand=" + p.media().hand());
                    }

                    @Override
                    public void onHandRaised(String room, Participant p) {
                        events.add("hand " + p.name());
                    }

                    @Override
                    public void onChat(String room, Participant from, String text, Instant sentAt) {
                        events.add("chat " + from.name() + ": " + text);
                    }

                    @Override
                    public void onHostAction(String room, Participant host, HostAction action, String target) {
                        events.add("host " + host.name() + " " + action.wireName());
                    }
                })
                .start();

        RawClient teacher = RawClient.connect(server);
        teacher.joinAs("lesson", token(server, "lesson", "Teacher", Role.HOST));
        RawClient ann = RawClient.connect(server);
        ann.joinAs("lesson", token(server, "lesson", "Ann", Role.PARTICIPANT));
        ann.send("{\"v\":1,\"type\":\"chat\",\"text\":\"hello\"}");
        ann.send(
                "{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":false,\"video\":false,\"screen\":false,\"hand\":true}}");
        ann.send("{\"v\":1,\"type\":\"leave\"}");
        ann.next("left");
        teacher.next("participantLeft");
        teacher.send("{\"v\":1,\"type\":\"end\"}");
        teacher.next("left");

        assertEquals(
                List.of(
                        "started lesson",
                        "joined Teacher",
                        "joined Ann",
                        "chat Ann: hello",
                        "updated Ann hand=true",
                        "hand Ann",
                        "left Ann left",
                        "host Teacher end",
                        "left Teacher ended",
                        "ended lesson"),
                take(10));

        assertNotNull(endedWith.endedAt());
        assertEquals(2, endedWith.records().size());
        assertEquals("Ann", endedWith.records().get(1).name());
        assertEquals(LeaveReason.LEFT, endedWith.records().get(1).reason());
        assertEquals(LeaveReason.ENDED, endedWith.records().get(0).reason());
        assertEquals(endedWith, server.rooms().attendance("lesson").orElseThrow());
    }

    @Test
    void aFailingCallbackDoesNotStopTheMeeting() throws Exception {
        server = TestServers.builder()
                .listener(new MeetingListener() {
                    @Override
                    public void onParticipantJoined(String room, Participant p) {
                        throw new IllegalStateException("the application's bug");
                    }

                    @Override
                    public void onChat(String room, Participant from, String text, Instant sentAt) {
                        events.add(text);
                    }
                })
                .start();
        RawClient a = RawClient.connect(server);
        a.joinAs("r", token(server, "r", "A", Role.PARTICIPANT));
        a.send("{\"v\":1,\"type\":\"chat\",\"text\":\"still fine\"}");
        assertEquals("still fine", a.next("chat").get("text").getAsString());
        assertEquals(List.of("still fine"), take(1));
    }

    private List<String> take(int n) throws InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String e = events.poll(5, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("only got " + out);
            }
            out.add(e);
        }
        return out;
    }
}
