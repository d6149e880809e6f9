package dev.mosaic.core.protocol;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Messages a participant sends to the server. Each may carry a request {@code id} that the server
 * echoes in its reply or error.
 */
public sealed interface ClientMessage {

    /** The request id to echo, or null. */
    String id();

    /** Checks the fields Gson cannot (required, non-blank, bounded); throws {@code bad_request}. */
    default void validate() throws ProtocolException {}

    /** The wire {@code type} of each message. */
    Map<String, Class<? extends ClientMessage>> TYPES = Map.ofEntries(
            Map.entry("join", Join.class),
            Map.entry("offer", Offer.class),
            Map.entry("answer", Answer.class),
            Map.entry("candidate", Candidate.class),
            Map.entry("media", UpdateMedia.class),
            Map.entry("chat", Chat.class),
            Map.entry("view.constraints", ViewConstraints.class),
            Map.entry("leave", Leave.class),
            Map.entry("resume", Resume.class),
            Map.entry("end", End.class),
            Map.entry("mute", Mute.class),
            Map.entry("remove", Remove.class),
            Map.entry("lock", Lock.class),
            Map.entry("admit", Admit.class),
            Map.entry("deny", Deny.class),
            Map.entry("muteAll", MuteAll.class),
            Map.entry("allowUnmute", AllowUnmute.class),
            Map.entry("promote", Promote.class),
            Map.entry("report", Report.class),
            Map.entry("sfu.publish", SfuPublish.class),
            Map.entry("sfu.unpublish", SfuUnpublish.class),
            Map.entry("sfu.subscribe", SfuSubscribe.class),
            Map.entry("sfu.answer", SfuAnswer.class),
            Map.entry("sfu.candidate", SfuCandidate.class));

    /** End-to-end encryption messages the server relays to everyone else in the room. */
    Set<String> E2EE_BROADCAST = Set.of("e2ee.hello", "e2ee.roster", "e2ee.activate", "chat.e2ee");

    /** End-to-end encryption messages the server relays to the one participant named in {@code to}. */
    Set<String> E2EE_UNICAST = Set.of("e2ee.key", "e2ee.ack");

    /** Longest chat message accepted, in characters. */
    int MAX_CHAT_CHARS = 4000;

    /** What an SFU feed carries: a participant's camera (with the microphone) or their shared screen. */
    Set<String> SFU_SOURCES = Set.of("camera", "screen");

    /** Simulcast layers a receiver may ask for per feed; {@code audio-only} receives no video of it. */
    Set<String> SFU_LAYERS = Set.of("low", "medium", "high", "audio-only");

    /** Most feeds one {@code sfu.subscribe} may ask for. */
    int MAX_SFU_WANTS = 100;

    /** Largest SDP accepted in the SFU messages, in characters. */
    int MAX_SDP_CHARS = 32_000;

    /**
     * Largest SDP of an {@code sfu.answer}: it has an m-line per stream received (about 700 characters
     * each, measured from Chromium), up to the 150 streams one subscriber connection carries; 32,000 cut
     * off one subscription to 48 videos.
     */
    int MAX_SFU_ANSWER_SDP_CHARS = 200_000;

    /** Longest reason a report may give, in characters. */
    int MAX_REPORT_REASON_CHARS = 500;

    /**
     * First message on a connection: enter {@code room} with a join token issued for it.
     * {@code passcode} is needed only when the room was created with one (hosts never need it).
     */
    record Join(String id, String room, String token, String passcode) implements ClientMessage {
        public Join(String id, String room, String token) {
            this(id, room, token, null);
        }

        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "room", room);
            if (token == null || token.isBlank()) {
                throw new ProtocolException(
                        ErrorCode.UNAUTHORIZED, "join needs a token; ask the host application for one", id);
            }
        }
    }

    /** A WebRTC session description offer for the participant {@code to}. */
    record Offer(String id, String to, String sdp) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "to", to);
            Fields.require(id, "sdp", sdp);
        }
    }

    /** A WebRTC session description answer for the participant {@code to}. */
    record Answer(String id, String to, String sdp) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "to", to);
            Fields.require(id, "sdp", sdp);
        }
    }

    /** A trickled ICE candidate for the participant {@code to}. */
    record Candidate(String id, String to, IceCandidate candidate) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "to", to);
            if (candidate == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "candidate needs a 'candidate' object", id);
            }
        }
    }

    /** The sender's own microphone, camera, screen and hand state changed. */
    record UpdateMedia(String id, MediaState media) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (media == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "media needs a 'media' object", id);
            }
        }
    }

    /** A chat message to everyone in the room. */
    record Chat(String id, String text) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "text", text);
            if (text.length() > MAX_CHAT_CHARS) {
                throw new ProtocolException(
                        ErrorCode.TOO_LARGE,
                        "chat message of " + text.length() + " characters exceeds the limit of " + MAX_CHAT_CHARS,
                        id);
            }
        }
    }

    /**
     * Mesh only: tells participant {@code to} the largest size at which this viewer shows their video,
     * so that sender scales its stream for this viewer; {@code active=false} when the tile is off-page.
     */
    record ViewConstraints(String id, String to, int maxHeight, int maxFps, boolean active) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "to", to);
            if (maxHeight < 0 || maxHeight > 4320 || maxFps < 0 || maxFps > 120) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "maxHeight must be 0..4320 and maxFps 0..120", id);
            }
        }
    }

    /** Leave the room; the server answers {@code left} and closes the connection. */
    record Leave(String id) implements ClientMessage {}

    /**
     * First message on a new connection after the previous one dropped: take back the participant
     * session that {@code joined.resume} named, without the others seeing a leave and a join.
     */
    record Resume(String id, String resume) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "resume", resume);
        }
    }

    /** Host only: end the meeting for everyone. */
    record End(String id) implements ClientMessage {}

    /** Host only: turn off one kind of media of participant {@code target}. */
    record Mute(String id, String target, MediaKind kind) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "target", target);
            if (kind == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "mute needs 'kind': audio, video or screen", id);
            }
        }
    }

    /** Host only: send participant {@code target} out of the room. */
    record Remove(String id, String target) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "target", target);
        }
    }

    /** Host only: refuse ({@code true}) or accept again ({@code false}) new joins. */
    record Lock(String id, Boolean locked) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (locked == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "lock needs 'locked': true or false", id);
            }
        }
    }

    /** Host only: let participant {@code target} in from the waiting room. */
    record Admit(String id, String target) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "target", target);
        }
    }

    /** Host only: turn participant {@code target} away from the waiting room. */
    record Deny(String id, String target) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "target", target);
        }
    }

    /**
     * Host only: turn off one kind of media of everyone who is not a host. With
     * {@code allowUnmute: false} they also may not turn it back on themselves (see {@link AllowUnmute});
     * absent leaves that setting as it is.
     */
    record MuteAll(String id, MediaKind kind, Boolean allowUnmute) implements ClientMessage {
        public MuteAll(String id, MediaKind kind) {
            this(id, kind, null);
        }

        @Override
        public void validate() throws ProtocolException {
            if (kind == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "muteAll needs 'kind': audio, video or screen", id);
            }
        }
    }

    /**
     * Host only: whether participants may turn {@code kind} on themselves. Without {@code target} it is
     * the room's setting (turning it off keeps everyone's current state; use {@link MuteAll} to mute as
     * well); with {@code target} it lets that one participant unmute although the room does not, or
     * takes that back (and turns the kind off).
     */
    record AllowUnmute(String id, MediaKind kind, Boolean allowed, String target) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (kind == null) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "allowUnmute needs 'kind': audio, video or screen", id);
            }
            if (allowed == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "allowUnmute needs 'allowed': true or false", id);
            }
            if (target != null) {
                Fields.require(id, "target", target);
            }
        }
    }

    /**
     * Host only: raise participant {@code target} to {@code role}: {@code "host"} (the default when
     * absent) or {@code "participant"}, which lets a viewer speak. A role is never lowered this way.
     * The role stays a string on the wire record so that a misspelt one is refused, not read as the default.
     */
    record Promote(String id, String target, String role) implements ClientMessage {
        public Promote(String id, String target) {
            this(id, target, null);
        }

        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "target", target);
            if (role != null && !role.equals("host") && !role.equals("participant")) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "promote 'role' must be host or participant", id);
            }
        }

        /** The role asked for; host when the message names none. */
        public Role newRole() {
            return "participant".equals(role) ? Role.PARTICIPANT : Role.HOST;
        }
    }

    /**
     * Anyone in the room: tell the hosts (and the application) that participant {@code target}
     * misbehaves. The reported person never learns of it.
     */
    record Report(String id, String target, String reason) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Fields.require(id, "target", target);
            Fields.require(id, "reason", reason);
            if (reason.length() > MAX_REPORT_REASON_CHARS) {
                throw new ProtocolException(
                        ErrorCode.TOO_LARGE,
                        "a report reason of " + reason.length() + " characters exceeds the limit of "
                                + MAX_REPORT_REASON_CHARS,
                        id);
            }
        }
    }

    /**
     * SFU rooms: publish {@code source} ({@code camera} or {@code screen}) with a sendonly offer; the
     * server answers {@code sfu.published}. Viewers may not publish ({@code forbidden}).
     */
    record SfuPublish(String id, String source, String sdp) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Sfu.requireSource(id, source);
            Sfu.requireSdp(id, sdp);
        }
    }

    /** SFU rooms: stop publishing {@code source}. */
    record SfuUnpublish(String id, String source) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Sfu.requireSource(id, source);
        }
    }

    /**
     * SFU rooms: the full set of feeds this participant wants to receive now (declarative: the server
     * adds, removes and re-layers its subscription to match); an empty list receives nothing.
     */
    record SfuSubscribe(String id, java.util.List<SfuWant> want) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (want == null) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "sfu.subscribe needs 'want': a list, maybe empty", id);
            }
            if (want.size() > MAX_SFU_WANTS) {
                throw new ProtocolException(
                        ErrorCode.TOO_LARGE, "sfu.subscribe may ask for at most " + MAX_SFU_WANTS + " feeds", id);
            }
            for (SfuWant w : want) {
                if (w == null) {
                    throw new ProtocolException(
                            ErrorCode.BAD_REQUEST, "sfu.subscribe 'want' entries must be objects", id);
                }
                Fields.require(id, "participantId", w.participantId());
                Sfu.requireSource(id, w.source());
                if (w.layer() != null && !SFU_LAYERS.contains(w.layer())) {
                    throw new ProtocolException(
                            ErrorCode.BAD_REQUEST,
                            "'layer' must be low, medium, high or audio-only, got " + Quoted.of(w.layer()),
                            id);
                }
            }
        }
    }

    /** SFU rooms: the answer to the server's latest {@code sfu.offer} for the receiving connection. */
    record SfuAnswer(String id, String sdp) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            Sfu.requireSdp(id, sdp, MAX_SFU_ANSWER_SDP_CHARS);
        }
    }

    /**
     * SFU rooms: a trickled ICE candidate of the {@code publisher} connection of {@code source}
     * (default camera) or of the {@code subscriber} connection; {@code candidate} null ends them.
     */
    record SfuCandidate(String id, String pc, String source, IceCandidate candidate) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (!"publisher".equals(pc) && !"subscriber".equals(pc)) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "sfu.candidate 'pc' must be publisher or subscriber", id);
            }
            if (source != null) {
                Sfu.requireSource(id, source);
            }
            if (candidate != null
                    && (candidate.candidate() == null || candidate.candidate().length() > 1000)) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST,
                        "sfu.candidate needs 'candidate.candidate' (at most 1000 characters)",
                        id);
            }
        }

        /** The publisher connection's source: camera unless named. */
        public String sourceOrCamera() {
            return source != null ? source : "camera";
        }
    }

    /**
     * One of the end-to-end encryption messages ({@link #E2EE_BROADCAST}, {@link #E2EE_UNICAST}), kept
     * as the exact {@code text} that arrived so the server can relay it without reading the payload.
     * {@code to} is the recipient of a unicast message; {@code from}, when the sender wrote it, must
     * be the sender's participant id. {@code body} is the parsed text, for the few routing fields.
     */
    record E2ee(String id, String type, String to, String from, String text, JsonObject body) implements ClientMessage {
        @Override
        public void validate() throws ProtocolException {
            if (E2EE_UNICAST.contains(type)) {
                Fields.require(id, "to", to);
            }
        }

        /** True for messages relayed to everyone else in the room. */
        public boolean broadcast() {
            return E2EE_BROADCAST.contains(type);
        }

        @Override
        public String toString() {
            // Never print the payload: it may end up in a log.
            return "E2ee[type=" + type + ", to=" + to + ", from=" + from + ", " + text.length() + " chars]";
        }
    }
}
