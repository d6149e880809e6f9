package dev.mosaic.server;

import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ServerMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Writes each MeetingClient callback as one line, so tests can wait for and compare them. */
class RecordingListener implements MeetingClientListener {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    /** Skips events until one starting with {@code prefix}; fails after 5 s. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no '" + prefix + "' event within 5 s");
            }
            if (e.startsWith(prefix)) {
                return e;
            }
        }
    }

    /** The next event, whatever it is, or null after {@code millis}. */
    String poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onJoined(ServerMessage.Joined joined) {
        events.add("joined " + joined.you().name());
    }

    @Override
    public void onWaiting() {
        events.add("waiting");
    }

    @Override
    public void onParticipantJoined(Participant p) {
        events.add("participantJoined " + p.name());
    }

    @Override
    public void onParticipantLeft(Participant p, LeaveReason reason) {
        events.add("participantLeft " + p.name() + " " + reason.wireName());
    }

    @Override
    public void onParticipantUpdated(Participant p) {
        events.add("participantUpdated " + p.name() + " " + p.media());
    }

    @Override
    public void onSecurityCode(String code, boolean changed) {
        events.add((changed ? "codeChanged " : "code ") + code);
    }

    @Override
    public void onE2eeError(String reason, String message) {
        events.add("e2eeError " + reason + " " + message);
    }

    /** "e2eeRoster id id …", a member the server does not show as "id(hidden)". */
    @Override
    public void onE2eeRoster(java.util.List<dev.mosaic.core.e2ee.RosterEntry> members) {
        events.add("e2eeRoster "
                + String.join(
                        " ",
                        members.stream()
                                .map(m -> m.participantId() + (m.announced() ? "" : "(hidden)"))
                                .sorted()
                                .toList()));
    }

    @Override
    public void onIdentityKeyChanged(Participant p) {
        events.add("keyChanged " + p.name());
    }

    @Override
    public void onChat(ServerMessage.Chat chat) {
        events.add("chat " + chat.name() + ": " + chat.text());
    }

    @Override
    public void onHandRaised(Participant p) {
        events.add("hand " + p.name());
    }

    @Override
    public void onMuted(String by, MediaKind kind) {
        events.add("muted " + kind);
    }

    @Override
    public void onRoomUpdated(ServerMessage.RoomUpdated room) {
        events.add("roomUpdated locked=" + room.locked());
    }

    @Override
    public void onParticipantWaiting(Participant p) {
        events.add("participantWaiting " + p.name() + " " + p.id());
    }

    @Override
    public void onSignal(ServerMessage signal) {
        events.add("signal " + signal);
    }

    @Override
    public void onError(ErrorCode code, String message, String requestId) {
        events.add("error " + code.wireName());
    }

    @Override
    public void onReconnecting() {
        events.add("reconnecting");
    }

    @Override
    public void onReconnected(ServerMessage.Joined joined, boolean seamless) {
        events.add("reconnected seamless=" + seamless + " as " + joined.you().id());
    }

    @Override
    public void onLeft(LeaveReason reason) {
        events.add("left " + reason.wireName());
    }
}
