package dev.mosaic.server.events;

import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.Participant;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the application's {@link MeetingListener} on one thread, in the order rooms report events.
 * Rooms report while holding their lock, so per room the order of callbacks is the order of changes.
 * The server's own: rooms, signaling and the LTI tool report here; applications implement {@link MeetingListener}.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final MeetingListener listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mosaic-events");
        t.setDaemon(true);
        return t;
    });

    public EventDispatcher(MeetingListener listener) {
        this.listener = listener;
    }

    /** Runs on the caller's thread: the join waits for the answer. A failing hook denies the join. */
    public JoinDecision joinRequest(JoinRequest request) {
        try {
            JoinDecision decision = listener.onJoinRequest(request);
            return decision != null ? decision : JoinDecision.allow();
        } catch (RuntimeException e) {
            LOG.warn("onJoinRequest failed for room {}; refusing the join", request.room(), e);
            return JoinDecision.deny("the application could not decide on this join; try again later");
        }
    }

    public void roomStarted(String room, Instant at) {
        post(() -> listener.onRoomStarted(room, at));
    }

    public void roomEnded(String room, Attendance attendance) {
        post(() -> listener.onRoomEnded(room, attendance));
    }

    public void participantJoined(String room, Participant p) {
        post(() -> listener.onParticipantJoined(room, p));
    }

    public void participantLeft(String room, Participant p, LeaveReason reason) {
        post(() -> listener.onParticipantLeft(room, p, reason));
    }

    public void participantUpdated(String room, Participant p) {
        post(() -> listener.onParticipantUpdated(room, p));
    }

    public void handRaised(String room, Participant p) {
        post(() -> listener.onHandRaised(room, p));
    }

    public void chat(String room, Participant from, String text, Instant at) {
        post(() -> listener.onChat(room, from, text, at));
    }

    public void hostAction(String room, Participant host, HostAction action, String target) {
        post(() -> listener.onHostAction(room, host, action, target));
    }

    /** A verified LTI launch. */
    public void ltiLaunch(LtiLaunch launch) {
        post(() -> listener.onLtiLaunch(launch));
    }

    public void report(Report report) {
        post(() -> listener.onReport(report));
    }

    private void post(Runnable callback) {
        try {
            thread.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.warn("a MeetingListener callback failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("server stopping; callback dropped");
        }
    }

    /** Delivers what is queued (up to 5 s), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
