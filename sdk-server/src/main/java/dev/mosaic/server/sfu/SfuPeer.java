package dev.mosaic.server.sfu;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.IceCandidate;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.core.protocol.SfuTrack;
import dev.mosaic.core.protocol.SfuWant;
import dev.mosaic.server.room.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant of an sfu room, on Janus: a publisher handle per source it sends, and one
 * multistream subscriber handle for everything it receives. Each side runs its Janus requests one
 * after another (a chain of futures), so an offer, its candidates and the next change keep their order.
 */
final class SfuPeer {
    private static final Logger LOG = LoggerFactory.getLogger(SfuPeer.class);
    /** How long the server waits for the browser's {@code sfu.answer} before it moves on. */
    static final long ANSWER_TIMEOUT_SECONDS = 20;

    private record Publisher(JanusHandle handle, long feedId) {}

    /** What this participant receives of one feed: sound only, or sound and video at a simulcast substream. */
    private record Wanted(boolean audioOnly, int substream) {}

    private final SfuRoom room;
    private final Member member;
    private final Object lock = new Object();
    private CompletableFuture<?> publishing = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> receiving = CompletableFuture.completedFuture(null);
    /** Touched only inside the chains. */
    private final Map<String, Publisher> publishers = new HashMap<>();

    private JanusHandle subscriber;
    private final Map<Long, Wanted> subscribed = new LinkedHashMap<>();
    /** Subscriber mid → Janus feed id, from Janus's latest stream list. */
    private final Map<String, Long> feedOfMid = new HashMap<>();

    /** What a host keeps this participant's feeds from forwarding; used on the publishing chain only. */
    private final SfuModeration moderation;

    private volatile CompletableFuture<String> awaitedAnswer;
    private volatile boolean closed;

    SfuPeer(SfuRoom room, Member member) {
        this.room = room;
        this.member = member;
        this.moderation = new SfuModeration(room);
    }

    void send(ServerMessage message) {
        member.send(message);
    }

    private void fail(String requestId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // Only the wait for the browser's answer times out bare (JanusClient names its own timeouts).
        String reason = cause instanceof TimeoutException
                ? "no sfu.answer to the latest sfu.offer within " + ANSWER_TIMEOUT_SECONDS + " s"
                : cause instanceof JanusException j && j.code() != 0
                        ? "the media server refused: " + j.getMessage() + " (" + j.code() + ")"
                        : "the media server is unavailable: " + cause.getMessage();
        LOG.info("sfu request of {} in {} failed: {}", member.id(), room.room().name(), reason);
        send(new ServerMessage.Error(ErrorCode.SFU_UNAVAILABLE, reason, requestId));
    }

    /** Runs {@code step} after everything queued on {@code publishing}; a failed step does not stop the next. */
    private void onPublishing(Supplier<CompletableFuture<?>> step) {
        CompletableFuture<Object> next = new CompletableFuture<>();
        CompletableFuture<?> previous;
        synchronized (lock) {
            previous = publishing;
            publishing = next;
        }
        runAfter(previous, step, next);
    }

    private void onReceiving(Supplier<CompletableFuture<?>> step) {
        CompletableFuture<Object> next = new CompletableFuture<>();
        CompletableFuture<?> previous;
        synchronized (lock) {
            previous = receiving;
            receiving = next;
        }
        runAfter(previous, step, next);
    }

    /**
     * Runs {@code step} once {@code previous} has ended, then completes {@code next}. Never under {@code lock}:
     * a step reaches the room and other peers, and holding our lock meanwhile deadlocked against a Janus event
     * thread doing the same the other way round.
     */
    private void runAfter(
            CompletableFuture<?> previous, Supplier<CompletableFuture<?>> step, CompletableFuture<Object> next) {
        previous.handle((x, e) -> null)
                .thenCompose(x -> closed ? done() : step.get().thenApply(y -> null))
                .whenComplete((x, e) -> next.complete(null));
    }

    private static CompletableFuture<Object> done() {
        return CompletableFuture.completedFuture(null);
    }

    // ---- publishing ----

    void publish(String requestId, String source, String sdp) {
        onPublishing(() -> {
            CompletableFuture<?> old = stopPublishing(source);
            SfuRoom.Feed feed = new SfuRoom.Feed(SfuRoom.newFeedId(), member.id(), source, SdpMedia.of(sdp));
            return old.thenCompose(x -> room.janusRoom)
                    .thenCompose(janusRoom -> room.node
                            .attach(event -> publisherEvent(feed, event))
                            .thenCompose(handle -> {
                                publishers.put(source, new Publisher(handle, feed.id()));
                                JsonObject join = new JsonObject();
                                join.addProperty("request", "join");
                                join.addProperty("ptype", "publisher");
                                join.addProperty("room", janusRoom);
                                join.addProperty("id", feed.id());
                                join.addProperty("display", member.id() + "/" + source);
                                return handle.message(join, null).thenCompose(joined -> {
                                    JsonObject body = new JsonObject();
                                    body.addProperty("request", "publish");
                                    JsonObject jsep = new JsonObject();
                                    jsep.addProperty("type", "offer");
                                    jsep.addProperty("sdp", sdp);
                                    if (room.e2ee()) {
                                        // Janus then forwards the frames without reading them (require_e2ee).
                                        jsep.addProperty("e2ee", true);
                                    }
                                    // What a host withholds is muted before the answer lets media flow.
                                    return handle.message(body, jsep)
                                            .thenCompose(answer -> moderation
                                                    .published(source, feed, handle)
                                                    .thenApply(x -> answer));
                                });
                            }))
                    .thenAccept(answer -> {
                        JsonObject jsep = answer.getAsJsonObject("jsep");
                        if (jsep == null) {
                            throw new JanusException(0, "Janus answered the publish without an SDP answer");
                        }
                        // The feed is announced once its connection is up (webrtcup): Janus refuses
                        // subscriptions to a publisher whose media has not started (428, no such feed).
                        send(new ServerMessage.SfuPublished(
                                requestId, source, jsep.get("sdp").getAsString()));
                    })
                    .exceptionally(error -> {
                        fail(requestId, error);
                        Publisher p = publishers.remove(source);
                        if (p != null) {
                            p.handle().detach();
                        }
                        return null;
                    });
        });
    }

    private void publisherEvent(SfuRoom.Feed feed, JsonObject event) {
        String kind = JanusClient.string(event, "janus");
        if ("webrtcup".equals(kind)) {
            room.feedPublished(feed);
        } else if ("hangup".equals(kind)) {
            // Janus hung up the publisher's connection (ICE failed, browser gone): its feed is over.
            room.feedGone(feed.id());
        }
    }

    /** A host's decision changed what this participant may send: Janus forwards only the rest. */
    void withhold(Set<MediaKind> kinds) {
        onPublishing(() -> moderation.withhold(kinds));
    }

    void unpublish(String requestId, String source) {
        onPublishing(() -> stopPublishing(source));
    }

    /** Detaches the publisher of {@code source}, if any; its feed leaves everyone's list. */
    private CompletableFuture<?> stopPublishing(String source) {
        Publisher p = publishers.remove(source);
        if (p == null) {
            return done();
        }
        moderation.unpublished(source);
        room.feedGone(p.feedId());
        return p.handle().detach().handle((x, e) -> null);
    }

    void publisherCandidate(String source, IceCandidate candidate) {
        onPublishing(() -> {
            Publisher p = publishers.get(source);
            return p == null
                    ? done()
                    : p.handle().trickle(janusCandidate(candidate)).handle((x, e) -> null);
        });
    }

    // ---- receiving ----

    void subscribe(String requestId, List<SfuWant> want) {
        onReceiving(() -> {
            int streams = SubscriptionLimit.streams(want, member.id(), room::feed);
            if (streams > SubscriptionLimit.MAX_STREAMS) {
                send(new ServerMessage.Error(ErrorCode.BAD_REQUEST, SubscriptionLimit.refusal(streams), requestId));
                return done();
            }
            return subscribeChecked(requestId, want);
        });
    }

    private CompletableFuture<?> subscribeChecked(String requestId, List<SfuWant> want) {
        return room.janusRoom
                .thenCompose(janusRoom -> resubscribe(janusRoom, want))
                .exceptionally(error -> {
                    fail(requestId, error);
                    return null;
                });
    }

    /** Makes the subscription match {@code want}: adds, removes, and re-layers feeds. */
    private CompletableFuture<?> resubscribe(long janusRoom, List<SfuWant> want) {
        Map<Long, Wanted> target = new LinkedHashMap<>();
        for (SfuWant w : want) {
            SfuRoom.Feed feed = room.feed(w.participantId(), w.source());
            if (feed == null || feed.participantId().equals(member.id())) {
                continue; // not (or no longer) published, or one's own
            }
            String layer = w.layer() != null ? w.layer() : "high";
            target.put(
                    feed.id(),
                    new Wanted(
                            "audio-only".equals(layer),
                            switch (layer) {
                                case "low" -> 0;
                                case "medium" -> 1;
                                default -> 2;
                            }));
        }
        JsonArray add = new JsonArray();
        JsonArray remove = new JsonArray();
        for (Map.Entry<Long, Wanted> e : target.entrySet()) {
            Wanted now = subscribed.get(e.getKey());
            if (now != null && now.audioOnly() == e.getValue().audioOnly()) {
                continue;
            }
            if (now != null) {
                remove.add(feedEntry(e.getKey()));
            }
            SfuRoom.Feed feed = room.feed(e.getKey());
            String audioMid = feed == null ? null : feed.media().mid("audio");
            if (e.getValue().audioOnly()) {
                if (audioMid != null) {
                    JsonObject entry = feedEntry(e.getKey());
                    entry.addProperty("mid", audioMid);
                    add.add(entry);
                }
            } else {
                add.add(feedEntry(e.getKey()));
            }
        }
        for (Long feedId : subscribed.keySet()) {
            if (!target.containsKey(feedId)) {
                remove.add(feedEntry(feedId));
            }
        }
        Map<Long, Wanted> previous = new LinkedHashMap<>(subscribed);
        subscribed.clear();
        subscribed.putAll(target);
        CompletableFuture<?> changed;
        if (subscriber == null) {
            if (add.isEmpty()) {
                return done();
            }
            changed = room.node.attach(this::subscriberEvent).thenCompose(handle -> {
                subscriber = handle;
                JsonObject join = new JsonObject();
                join.addProperty("request", "join");
                join.addProperty("ptype", "subscriber");
                join.addProperty("room", janusRoom);
                join.add("streams", add);
                return handle.message(join, null)
                        .exceptionallyCompose(error -> {
                            // A handle whose join failed is unusable (Janus: 424 unconfigured): start afresh next time.
                            subscriber = null;
                            handle.detach();
                            return CompletableFuture.failedFuture(error);
                        })
                        .thenCompose(this::offerToBrowser);
            });
        } else if (!add.isEmpty() || !remove.isEmpty()) {
            JsonObject update = new JsonObject();
            update.addProperty("request", "update");
            if (!add.isEmpty()) {
                update.add("subscribe", add);
            }
            if (!remove.isEmpty()) {
                update.add("unsubscribe", remove);
            }
            changed = subscriber.message(update, null).thenCompose(this::offerToBrowser);
        } else {
            changed = done();
        }
        return changed.thenCompose(x -> configureLayers()).whenComplete((x, error) -> {
            if (error != null) {
                // Janus checks a join or update whole before applying it: it still has what it had.
                subscribed.clear();
                if (subscriber != null) {
                    subscribed.putAll(previous);
                }
            }
        });
    }

    /** Picks each video stream's simulcast substream (Janus starts at the highest). */
    private CompletableFuture<?> configureLayers() {
        JsonArray streams = new JsonArray();
        feedOfMid.forEach((mid, feedId) -> {
            Wanted w = subscribed.get(feedId);
            SfuRoom.Feed feed = room.feed(feedId);
            if (w != null
                    && !w.audioOnly()
                    && feed != null
                    && feed.media().simulcast()
                    && feed.media().has("video")) {
                JsonObject s = new JsonObject();
                s.addProperty("mid", mid);
                s.addProperty("substream", w.substream());
                streams.add(s);
            }
        });
        if (streams.isEmpty() || subscriber == null) {
            return done();
        }
        JsonObject configure = new JsonObject();
        configure.addProperty("request", "configure");
        configure.add("streams", streams);
        return subscriber.message(configure, null);
    }

    private static JsonObject feedEntry(long feedId) {
        JsonObject entry = new JsonObject();
        entry.addProperty("feed", feedId);
        return entry;
    }

    /**
     * Janus's answer to a join or update: when it carries an offer, the browser gets it as
     * {@code sfu.offer} and its {@code sfu.answer} goes back with {@code start}.
     */
    private CompletableFuture<?> offerToBrowser(JsonObject event) {
        noteStreams(event);
        JsonObject jsep = event.getAsJsonObject("jsep");
        if (jsep == null || !"offer".equals(JanusClient.string(jsep, "type"))) {
            return done();
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        awaitedAnswer = answer;
        send(new ServerMessage.SfuOffer(jsep.get("sdp").getAsString(), tracks()));
        return answer.orTimeout(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS).thenCompose(sdp -> {
            JsonObject start = new JsonObject();
            start.addProperty("request", "start");
            JsonObject answerJsep = new JsonObject();
            answerJsep.addProperty("type", "answer");
            answerJsep.addProperty("sdp", sdp);
            return subscriber.message(start, answerJsep);
        });
    }

    /** Events Janus sends on its own, e.g. a new offer after a feed this participant received ended. */
    private void subscriberEvent(JsonObject event) {
        if (event.get("jsep") != null) {
            onReceiving(() -> offerToBrowser(event).exceptionally(error -> {
                fail(null, error);
                return null;
            }));
        } else {
            onReceiving(() -> {
                noteStreams(event);
                return done();
            });
        }
    }

    private void noteStreams(JsonObject event) {
        JsonObject data = JanusClient.pluginData(event);
        if (data == null || !(data.get("streams") instanceof JsonArray streams)) {
            return;
        }
        feedOfMid.clear();
        for (JsonElement e : streams) {
            JsonObject s = e.getAsJsonObject();
            if (s.has("feed_id") && s.has("mid") && !Boolean.FALSE.equals(bool(s, "active"))) {
                feedOfMid.put(s.get("mid").getAsString(), s.get("feed_id").getAsLong());
            }
        }
        streamKinds.clear();
        for (JsonElement e : streams) {
            JsonObject s = e.getAsJsonObject();
            if (s.has("mid") && s.has("type")) {
                streamKinds.put(s.get("mid").getAsString(), s.get("type").getAsString());
            }
        }
    }

    private final Map<String, String> streamKinds = new HashMap<>();

    private static Boolean bool(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsBoolean() : null;
    }

    /** Whose media each mid of the offer carries, in participant ids (never Janus's feed ids). */
    private List<SfuTrack> tracks() {
        List<SfuTrack> tracks = new ArrayList<>();
        feedOfMid.forEach((mid, feedId) -> {
            SfuRoom.Feed feed = room.feed(feedId);
            String kind = streamKinds.get(mid);
            if (feed != null && ("audio".equals(kind) || "video".equals(kind))) {
                tracks.add(new SfuTrack(mid, feed.participantId(), feed.source(), kind));
            }
        });
        tracks.sort(java.util.Comparator.comparingInt((SfuTrack t) -> t.mid().length())
                .thenComparing(SfuTrack::mid));
        return tracks;
    }

    void answer(String requestId, String sdp) {
        CompletableFuture<String> awaited = awaitedAnswer;
        if (awaited == null || awaited.isDone()) {
            send(new ServerMessage.Error(ErrorCode.BAD_REQUEST, "no sfu.offer is waiting for an answer", requestId));
            return;
        }
        awaited.complete(sdp);
    }

    void subscriberCandidate(IceCandidate candidate) {
        onReceiving(() -> subscriber == null
                ? done()
                : subscriber.trickle(janusCandidate(candidate)).handle((x, e) -> null));
    }

    /** A feed this participant may receive has ended; Janus drops it from the subscription itself. */
    void feedGone(long feedId) {
        onReceiving(() -> {
            subscribed.remove(feedId);
            return done();
        });
    }

    private static JsonObject janusCandidate(IceCandidate c) {
        if (c == null) {
            return null;
        }
        JsonObject j = new JsonObject();
        j.addProperty("candidate", c.candidate());
        if (c.sdpMid() != null) {
            j.addProperty("sdpMid", c.sdpMid());
        }
        if (c.sdpMLineIndex() != null) {
            j.addProperty("sdpMLineIndex", c.sdpMLineIndex());
        }
        return j;
    }

    /**
     * The room's Janus died (JanusFailover): every handle there died with it. Both chains start afresh,
     * after whatever is queued (which fails fast on the closed connection), and an offer waiting for
     * the browser's answer waits no more.
     */
    void mediaServerLost() {
        CompletableFuture<String> awaited = awaitedAnswer;
        if (awaited != null) {
            awaited.cancel(false);
        }
        onPublishing(() -> {
            publishers.clear();
            return done();
        });
        onReceiving(() -> {
            subscriber = null;
            subscribed.clear();
            feedOfMid.clear();
            streamKinds.clear();
            return done();
        });
    }

    /** The participant left: every handle is detached (Janus ends its feeds and connections). */
    void close() {
        onPublishing(() -> {
            List<CompletableFuture<?>> detached = new ArrayList<>();
            new ArrayList<>(publishers.keySet()).forEach(source -> detached.add(stopPublishing(source)));
            return CompletableFuture.allOf(detached.toArray(CompletableFuture[]::new));
        });
        CompletableFuture<String> awaited = awaitedAnswer;
        if (awaited != null) {
            awaited.cancel(false); // no answer will come: let the receiving chain reach the detach
        }
        onReceiving(() -> {
            JanusHandle s = subscriber;
            subscriber = null;
            return s == null ? done() : s.detach().handle((x, e) -> null);
        });
        synchronized (lock) {
            publishing = publishing.whenComplete((x, e) -> closed = true);
        }
    }
}
