package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.events.Report;
import dev.mosaic.server.room.RoomOptions;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mute all, promote and report, through MeetingClient against a real server. */
class ModerationTest {
    private final BlockingQueue<Report> appReports = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> hostActions = new LinkedBlockingQueue<>();
    private MosaicServer server;

    /** A RecordingListener that also keeps the reports it is shown. */
    private static final class Recorder extends RecordingListener {
        final BlockingQueue<ServerMessage.Reported> reports = new LinkedBlockingQueue<>();

        @Override
        public void onReported(ServerMessage.Reported report) {
            reports.add(report);
        }
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void start() {
        server = TestServers.builder()
                .listener(new MeetingListener() {
                    @Override
                    public void onReport(Report report) {
                        appReports.add(report);
                    }

                    @Override
                    public void onHostAction(String room, Participant host, HostAction action, String targetId) {
                        hostActions.add(host.name() + " " + action.wireName());
                    }
                })
                .start();
    }

    private MeetingClient join(String room, String name, Role role, RecordingListener events) throws Exception {
        return TestServers.join(server, room, name, role, events);
    }

    private MeetingClient joinWaiting(String room, String name, RecordingListener events) {
        return TestServers.joinWaiting(server, room, name, events);
    }

    @Test
    void muteAllTurnsOffEveryoneButHosts() throws Exception {
        start();
        Recorder hostEvents = new Recorder();
        Recorder adaEvents = new Recorder();
        Recorder bobEvents = new Recorder();
        MeetingClient host = join("class", "Teacher", Role.HOST, hostEvents);
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        MeetingClient bob = join("class", "Bob", Role.PARTICIPANT, bobEvents);
        MediaState talking = new MediaState(true, true, false, false);
        host.setMedia(talking);
        ada.setMedia(talking);
        bob.setMedia(talking);
        assertTrue(waitFor(
                () -> host.participants().stream().allMatch(p -> p.media().audio())));

        host.host().muteAll(MediaKind.AUDIO);
        assertEquals("muted AUDIO", adaEvents.await("muted"));
        assertEquals("muted AUDIO", bobEvents.await("muted"));
        assertTrue(
                waitFor(() ->
                        host.participants().stream().noneMatch(p -> p.media().audio())),
                "everyone else's microphone is off for the host");
        assertTrue(
                waitFor(() -> !ada.self().media().audio() && ada.self().media().video()), "video stays on");
        assertTrue(host.self().media().audio(), "the host is not muted");
        assertEquals("Teacher muteAll", poll(hostActions, "Teacher muteAll"));
    }

    @Test
    void aPromotedParticipantIsAHostForEveryoneAndSeesTheWaitingRoom() throws Exception {
        start();
        server.rooms().create("lobby", new RoomOptions(false, 0, null, true));
        Recorder hostEvents = new Recorder();
        Recorder adaEvents = new Recorder();
        MeetingClient host = join("lobby", "Teacher", Role.HOST, hostEvents);
        MeetingClient guest = joinWaiting("lobby", "Guest", new Recorder());
        String guestId = hostEvents.await("participantWaiting Guest").split(" ")[2];
        host.host().admit(guestId);
        MeetingClient ada = joinWaiting("lobby", "Ada", adaEvents);
        host.host().admit(hostEvents.await("participantWaiting Ada").split(" ")[2]);
        assertTrue(waitFor(() -> guest.inMeeting() && ada.inMeeting()));

        // A late guest waits; Ada is not a host yet, so she is not told.
        MeetingClient late = joinWaiting("lobby", "Late", new Recorder());
        String lateId = hostEvents.await("participantWaiting Late").split(" ")[2];

        host.host().promote(ada.self().id());
        assertTrue(waitFor(() -> ada.self().role() == Role.HOST), "Ada sees herself as host");
        assertTrue(
                waitFor(() ->
                        guest.participants().stream().anyMatch(p -> p.name().equals("Ada") && p.role() == Role.HOST)),
                "the others see Ada as host");
        assertEquals("participantWaiting Late " + lateId, adaEvents.await("participantWaiting"));
        assertEquals("Teacher promote", poll(hostActions, "Teacher promote"));

        ada.host().admit(lateId);
        assertTrue(waitFor(late::inMeeting), "the new host can admit");
        ada.host().mute(guestId, MediaKind.VIDEO);
        assertEquals("Ada mute", poll(hostActions, "Ada mute"));
    }

    @Test
    void aReportReachesHostsAndTheApplicationButNeverTheReportedPerson() throws Exception {
        start();
        Recorder hostEvents = new Recorder();
        Recorder coHostEvents = new Recorder();
        Recorder adaEvents = new Recorder();
        Recorder malloryEvents = new Recorder();
        MeetingClient host = join("class", "Teacher", Role.HOST, hostEvents);
        MeetingClient coHost = join("class", "Assistant", Role.HOST, coHostEvents);
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        MeetingClient mallory = join("class", "Mallory", Role.PARTICIPANT, malloryEvents);
        assertTrue(waitFor(() -> ada.participants().size() == 3));

        Instant before = Instant.now().minusSeconds(1);
        ada.report(mallory.self().id(), "draws on the shared screen");
        for (Recorder hostSide : new Recorder[] {hostEvents, coHostEvents}) {
            ServerMessage.Reported r = hostSide.reports.poll(5, TimeUnit.SECONDS);
            assertEquals("Ada", r.by().name());
            assertEquals(mallory.self().id(), r.target().id());
            assertEquals("draws on the shared screen", r.reason());
            assertTrue(r.reportedAt() >= before.toEpochMilli());
        }
        Report app = appReports.poll(5, TimeUnit.SECONDS);
        assertEquals("class", app.room());
        assertEquals("Mallory", app.target().name());
        assertEquals("Ada", app.by().name());
        assertFalse(app.reportedAt().isBefore(before));

        // A host who is reported is not told either; the other host is.
        mallory.report(coHost.self().id(), "muted me");
        assertEquals(
                "Assistant",
                hostEvents.reports.poll(5, TimeUnit.SECONDS).target().name());
        assertEquals("Assistant", appReports.poll(5, TimeUnit.SECONDS).target().name());
        ada.sendChat("after the reports");
        malloryEvents.await("chat Ada: after the reports");
        coHostEvents.await("chat Ada: after the reports");
        assertNull(malloryEvents.reports.poll(), "the reported person learns nothing");
        assertNull(coHostEvents.reports.poll(), "a reported host learns nothing");
        assertNull(adaEvents.reports.poll(), "participants do not see reports");

        ada.report(ada.self().id(), "me");
        assertEquals("error bad_request", adaEvents.await("error"));
        ada.report("pNoSuchPerson", "gone");
        assertEquals("error not_found", adaEvents.await("error"));
    }

    @Test
    void onlyHostsMayMuteAllOrPromote() throws Exception {
        start();
        Recorder adaEvents = new Recorder();
        join("class", "Teacher", Role.HOST, new Recorder());
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        ada.host().muteAll(MediaKind.AUDIO);
        assertEquals("error forbidden", adaEvents.await("error"));
        ada.host().promote(ada.self().id());
        assertEquals("error forbidden", adaEvents.await("error"));
        assertEquals(Role.PARTICIPANT, ada.self().role());
    }

    /** Skips entries until {@code expected}; returns it, or the last entry seen if it never came. */
    private static String poll(BlockingQueue<String> q, String expected) throws InterruptedException {
        String last = null;
        for (String e; (e = q.poll(5, TimeUnit.SECONDS)) != null; ) {
            last = e;
            if (e.equals(expected)) {
                return e;
            }
        }
        return last;
    }

    static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
