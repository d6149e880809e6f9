package dev.mosaic.server.webhook;

import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.server.events.Attendance;
import dev.mosaic.server.events.JoinDecision;
import dev.mosaic.server.events.JoinRequest;
import dev.mosaic.server.events.LtiLaunch;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.events.Report;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's {@link MeetingListener} plus webhooks: each event is first handed to the
 * {@link WebhookSender} (which never blocks), then to the application. Webhook types: {@code report},
 * {@code room.started}, {@code room.ended}, {@code participant.joined}, {@code participant.left},
 * {@code hand.raised}, {@code host.action}, {@code lti.launch}. Chat and media changes are not sent: too chatty, and
 * chat is the participants' business. The join decision stays with the application.
 */
public final class WebhookListener implements MeetingListener {
    private final MeetingListener app;
    private final WebhookSender sender;

    public WebhookListener(MeetingListener app, WebhookSender sender) {
        this.app = app;
        this.sender = sender;
    }

    @Override
    public JoinDecision onJoinRequest(JoinRequest request) {
        return app.onJoinRequest(request);
    }

    @Override
    public void onRoomStarted(String room, Instant startedAt) {
        sender.send("room.started", data("room", room, "startedAt", startedAt));
        app.onRoomStarted(room, startedAt);
    }

    @Override
    public void onRoomEnded(String room, Attendance attendance) {
        sender.send("room.ended", data("room", room, "attendance", attendance));
        app.onRoomEnded(room, attendance);
    }

    @Override
    public void onParticipantJoined(String room, Participant participant) {
        sender.send("participant.joined", data("room", room, "participant", participant));
        app.onParticipantJoined(room, participant);
    }

    @Override
    public void onParticipantLeft(String room, Participant participant, LeaveReason reason) {
        sender.send("participant.left", data("room", room, "participant", participant, "reason", reason));
        app.onParticipantLeft(room, participant, reason);
    }

    @Override
    public void onParticipantUpdated(String room, Participant participant) {
        app.onParticipantUpdated(room, participant);
    }

    @Override
    public void onHandRaised(String room, Participant participant) {
        sender.send("hand.raised", data("room", room, "participant", participant));
        app.onHandRaised(room, participant);
    }

    @Override
    public void onChat(String room, Participant from, String text, Instant sentAt) {
        app.onChat(room, from, text, sentAt);
    }

    @Override
    public void onHostAction(String room, Participant host, HostAction action, String targetId) {
        // "actor" says who acted, so that receivers need not infer the application from a missing "host".
        sender.send(
                "host.action",
                data(
                        "room",
                        room,
                        "actor",
                        host != null ? "host" : "application",
                        "host",
                        host,
                        "action",
                        action,
                        "targetId",
                        targetId));
        app.onHostAction(room, host, action, targetId);
    }

    @Override
    public void onReport(Report report) {
        sender.send("report", report);
        app.onReport(report);
    }

    @Override
    public void onLtiLaunch(LtiLaunch launch) {
        sender.send("lti.launch", launch);
        app.onLtiLaunch(launch);
    }

    /** Keys and values in order; null values are left out. */
    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
