package dev.mosaic.core.e2ee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may hand out the meeting key (docs/e2ee.md, "Key leader"): a rule every member applies to what
 * it sees itself, so that a server can neither name a leader nobody sees nor keep a room keyless
 * through a leader that never delivers. Mirrors the widget's {@code leader-election.js}.
 *
 * <p>Walk the members shown in the meeting in join order (those {@code joined} listed, then this
 * participant, then later arrivals; kept across resumes). Skip a member whose hello failed to
 * verify, one that said no hello within the deadline, and a leader that stalled. The first remaining
 * member with a verified hello leads; while an earlier member may still say hello, nobody leads.
 *
 * <p>A leader stalls when a shown member (this one included) has waited longer than the deadline to
 * be listed in a roster (this participant: to hold an active key) while that leader was in charge.
 * A roster is accepted only from a shown member with a verified hello that is not skipped and before
 * which every member is skipped or is this participant (which then steps aside). Otherwise it is
 * held (the sender may be right because an earlier leader stalled for the others) or, from someone
 * not shown, refused. Not thread-safe: used on one thread.
 */
public final class LeaderElection {
    public static final Duration DEADLINE = Duration.ofSeconds(6);

    /** What to do with a roster, key or activation from a sender. */
    public enum Verdict {
        ACCEPT,
        HOLD,
        REFUSE
    }

    /** Who holds things up: an earlier member whose hello is awaited, or a leader others wait on. */
    public record Holder(String participantId, String reason) {}

    private final String selfId;
    private final Clock clock;
    private final Duration deadline;
    private final List<String> order = new ArrayList<>();
    private final Map<String, Instant> seenAt = new HashMap<>();
    private final Set<String> verified = new HashSet<>();
    private final Set<String> invalid = new HashSet<>();
    private final Map<String, String> skipped = new HashMap<>();
    private final Map<String, Instant> waiting = new LinkedHashMap<>();
    private Set<String> inRoster = Set.of();
    private String current;
    private Instant since;

    /** {@code earlier}: the others {@code joined} listed, in its order (they were there first). */
    public LeaderElection(String selfId, Collection<String> earlier, Clock clock, Duration deadline) {
        this.selfId = selfId;
        this.clock = clock;
        this.deadline = deadline;
        Instant now = clock.instant();
        for (String id : earlier) {
            if (!id.equals(selfId) && !order.contains(id)) {
                order.add(id);
            }
        }
        order.add(selfId);
        order.forEach(id -> seenAt.put(id, now));
        verified.add(selfId);
        waiting.put(selfId, now);
        since = now;
    }

    /** The others the server shows now, in join order. */
    public void present(Collection<String> ids) {
        Set<String> shown = new HashSet<>(ids);
        order.removeIf(id -> !id.equals(selfId) && !shown.contains(id));
        Instant now = clock.instant();
        for (String id : ids) {
            if (!id.equals(selfId) && !order.contains(id)) {
                order.add(id);
                seenAt.put(id, now);
            }
        }
        for (String id : List.copyOf(seenAt.keySet())) {
            if (!id.equals(selfId) && !shown.contains(id)) {
                seenAt.remove(id);
                skipped.remove(id);
                waiting.remove(id);
                verified.remove(id);
                invalid.remove(id);
            }
        }
    }

    public boolean isShown(String id) {
        return order.contains(id);
    }

    public void helloVerified(String id) {
        if (verified.add(id)) {
            invalid.remove(id);
            if (!inRoster.contains(id)) {
                waiting.put(id, clock.instant());
            }
        }
    }

    public void helloInvalid(String id) {
        if (!verified.contains(id)) {
            invalid.add(id);
        }
    }

    /** A roster was accepted; {@code selfKeyed} once this participant holds an active key. */
    public void rosterAccepted(Collection<String> memberIds, boolean selfKeyed) {
        inRoster = Set.copyOf(memberIds);
        for (String id : memberIds) {
            if (!id.equals(selfId)) {
                waiting.remove(id);
            }
        }
        if (selfKeyed) {
            waiting.remove(selfId);
        }
    }

    public void keyActive() {
        if (inRoster.contains(selfId)) {
            waiting.remove(selfId);
        }
    }

    /** The leader by the rule, or empty while an earlier member may still say hello. */
    public Optional<String> leader() {
        Instant now = clock.instant();
        String found = null;
        for (String id : order) {
            if (skipped.containsKey(id)) {
                continue;
            }
            if (verified.contains(id)) {
                found = id;
                break;
            }
            if (invalid.contains(id)) {
                skipped.put(id, "invalid_hello");
                continue;
            }
            if (!now.isBefore(seenAt.get(id).plus(deadline))) {
                skipped.put(id, "no_hello");
                continue;
            }
            break;
        }
        if (!java.util.Objects.equals(found, current)) {
            current = found;
            since = now;
        }
        return Optional.ofNullable(found);
    }

    public Optional<Holder> holder() {
        Optional<String> leader = leader();
        if (leader.isEmpty()) {
            return order.stream()
                    .filter(id -> !skipped.containsKey(id) && !verified.contains(id))
                    .findFirst()
                    .map(id -> new Holder(id, "hello"));
        }
        if (leader.get().equals(selfId) || waiting.keySet().stream().noneMatch(this::isShown)) {
            return Optional.empty();
        }
        return Optional.of(new Holder(leader.get(), "key"));
    }

    /** Skips a leader that kept a shown member waiting past the deadline; returns its id. */
    public Optional<String> checkStalled() {
        Optional<String> leader = leader();
        if (leader.isEmpty() || leader.get().equals(selfId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> w : waiting.entrySet()) {
            Instant from = w.getValue().isAfter(since) ? w.getValue() : since;
            if (isShown(w.getKey()) && !now.isBefore(from.plus(deadline))) {
                skipped.put(leader.get(), "stalled");
                leader();
                return leader;
            }
        }
        return Optional.empty();
    }

    public Verdict judge(String senderId) {
        if (senderId.equals(selfId) || !isShown(senderId)) {
            return Verdict.REFUSE;
        }
        leader();
        if (skipped.containsKey(senderId)) {
            return Verdict.REFUSE;
        }
        if (!verified.contains(senderId)) {
            return Verdict.HOLD;
        }
        for (String id : order) {
            if (id.equals(senderId)) {
                break;
            }
            if (!id.equals(selfId) && !skipped.containsKey(id)) {
                return Verdict.HOLD;
            }
        }
        return Verdict.ACCEPT;
    }

    /**
     * A roster from {@code senderId} passed every check: if the sender comes after this participant,
     * the others found us stalled, so step aside rather than split the room. (Only after the checks:
     * a roster that fails them must not make an honest leader give up.)
     */
    public void rosterFrom(String senderId) {
        if (!senderId.equals(selfId)
                && order.indexOf(selfId) < order.indexOf(senderId)
                && !skipped.containsKey(selfId)) {
            skipped.put(selfId, "stepped_aside");
            leader();
        }
    }

    /** Why {@code id} is skipped, if it is. */
    public Optional<String> skipReason(String id) {
        return Optional.ofNullable(skipped.get(id));
    }

    /** The shown members in join order, this participant included. */
    public List<String> order() {
        return List.copyOf(order);
    }
}
