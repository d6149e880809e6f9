package dev.mosaic.core.e2ee;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One participant's side of the WMX1 key exchange (docs/e2ee.md, "Session") for one room session,
 * independent of any transport: feed it the {@code e2ee.*} and {@code chat.e2ee} messages that
 * arrive, send what it returns. It verifies and pins hellos, accepts only signed and chained
 * rosters, unwraps and installs keys, acknowledges them, activates epochs, encrypts and decrypts
 * chat, and computes the security code. As leader it creates epochs, wraps keys for everyone and
 * activates after the acks. Not thread-safe: call it from one thread (the client's message loop).
 */
public final class E2eeSession {
    /** Fresh random bytes: MKs and nonces. Tests and vector generation pass a deterministic source. */
    @FunctionalInterface
    public interface RandomBytes {
        byte[] next(int length);
    }

    /**
     * @param dtlsFingerprint SHA-256 of the DTLS certificate for WebRTC clients, null for SDK clients
     * @param caps what this client does with keys, e.g. {@code ["chat"]} for an SDK client
     */
    public record Config(
            String roomId,
            String sessionId,
            String participantId,
            String name,
            IdentityKey identity,
            EphemeralKey ephemeral,
            byte[] dtlsFingerprint,
            List<String> caps,
            Clock clock,
            RandomBytes random) {
        public Config {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(ephemeral, "ephemeral");
            caps = List.copyOf(caps);
        }

        /** A Java SDK participant: fresh EK, no DTLS, chat only, system clock, SecureRandom. */
        public static Config forSdkClient(
                String roomId, String sessionId, String participantId, String name, IdentityKey identity) {
            SecureRandom random = new SecureRandom();
            return new Config(
                    roomId,
                    sessionId,
                    participantId,
                    name,
                    identity,
                    EphemeralKey.generate(random),
                    null,
                    List.of("chat"),
                    Clock.systemUTC(),
                    n -> {
                        byte[] b = new byte[n];
                        random.nextBytes(b);
                        return b;
                    });
        }
    }

    /** A participant whose hello verified. */
    public record Peer(String participantId, String name, byte[] ik, byte[] ek, List<String> caps) {}

    /** A message to send: to one participant, or to everyone when {@code to} is null. */
    public record Outgoing(String to, JsonObject message) {}

    /** A roster was accepted; the code changes with every roster, so the UI can flag it. */
    public record RosterAccepted(Roster roster, String securityCode, boolean codeChanged) {}

    /** A key was unwrapped and installed; send {@code ack} to the leader, give {@code mk} to the media worker. */
    public record KeyInstalled(long epoch, byte[] mk, JsonObject ack) {}

    /** An epoch became the sending epoch; {@code senderIndex} is -1 if this participant is not in its roster. */
    public record Activated(long epoch, int senderIndex) {}

    /** A decrypted, signature-checked chat message. */
    public record ChatText(String from, long epoch, long seq, String text) {}

    private record LeaderEpoch(Roster roster, byte[] signature, byte[] mk, KeyDistribution distribution) {}

    private final Config config;
    private final IdentityPins pins;
    private final RosterChain chain;
    private final KeyRing ring;
    private final ChatReplayGuard replayGuard = new ChatReplayGuard();
    private final Map<String, Peer> peers = new HashMap<>();
    private final Map<Long, Roster> rosters = new HashMap<>();
    private final Map<String, Integer> senderIndexes = new HashMap<>();
    private final List<String> unresponsive = new ArrayList<>();
    private int highestSenderIndex;
    private long chatSeq;
    private String securityCode;
    private LeaderEpoch leading;

    public E2eeSession(Config config) {
        this(config, new IdentityPins());
    }

    /** {@code pins} may carry the application's persistent per-user pins. */
    public E2eeSession(Config config, IdentityPins pins) {
        this.config = config;
        this.pins = pins;
        this.chain = new RosterChain(pins);
        this.ring = new KeyRing(config.clock());
    }

    // ---- hello ----

    /** This participant's {@code e2ee.hello}, broadcast on join. */
    public JsonObject hello() {
        HelloBinding binding = new HelloBinding(
                config.roomId(),
                config.sessionId(),
                config.participantId(),
                config.name(),
                config.ephemeral().publicKey(),
                config.dtlsFingerprint());
        JsonObject o = E2eeJson.message("e2ee.hello");
        o.addProperty("roomId", config.roomId());
        o.addProperty("sessionId", config.sessionId());
        o.addProperty("participantId", config.participantId());
        o.addProperty("name", config.name());
        o.add("ik", E2eeJson.b64(config.identity().publicKey()));
        o.add("ek", E2eeJson.b64(config.ephemeral().publicKey()));
        if (config.dtlsFingerprint() != null) {
            o.add("dtlsFp", E2eeJson.hex(config.dtlsFingerprint()));
        }
        JsonArray caps = new JsonArray();
        config.caps().forEach(caps::add);
        o.add("caps", caps);
        o.add("sig", E2eeJson.b64(binding.sign(config.identity())));
        return o;
    }

    /** Verifies a hello, pins its ik for the session and remembers its ek for key wraps. */
    public Peer onHello(JsonObject m) {
        E2eeJson.requireType(m, "e2ee.hello");
        requireThisSession(m);
        String participantId = E2eeJson.string(m, "participantId");
        String name = E2eeJson.string(m, "name");
        byte[] ik = E2eeJson.b64(m, "ik", IdentityKey.LENGTH);
        byte[] ek = E2eeJson.b64(m, "ek", EphemeralKey.LENGTH);
        byte[] dtlsFp = m.has("dtlsFp") ? E2eeJson.hex(m, "dtlsFp", 32) : null;
        new HelloBinding(config.roomId(), config.sessionId(), participantId, name, ek, dtlsFp)
                .verify(ik, E2eeJson.b64(m, "sig", 64));
        pins.pinForSession(participantId, ik);
        List<String> caps = new ArrayList<>();
        if (m.has("caps")) {
            for (JsonElement c : E2eeJson.array(m, "caps")) {
                caps.add(c.getAsString());
            }
        }
        Peer peer = new Peer(participantId, name, ik, ek, List.copyOf(caps));
        peers.put(participantId, peer);
        return peer;
    }

    // ---- leader ----

    /**
     * Starts a new epoch as leader for this participant and {@code memberIds} (others present with a
     * verified hello; ids without one cannot receive a key and are left out). Returns the roster
     * (broadcast) and one key per member; the activation follows from {@link #onAck} or {@link #pollLeader}.
     */
    public List<Outgoing> startEpoch(Collection<String> memberIds) {
        Set<String> others = new LinkedHashSet<>();
        for (String id : memberIds) {
            if (!id.equals(config.participantId()) && peers.containsKey(id)) {
                others.add(id);
            }
        }
        long epoch = Math.max(chain.current() == null ? 0 : chain.current().epoch(), newestEpoch()) + 1;
        List<RosterMember> members = new ArrayList<>();
        members.add(new RosterMember(
                config.participantId(),
                senderIndexFor(config.participantId()),
                config.identity().publicKey(),
                config.name()));
        for (String id : others) {
            members.add(new RosterMember(
                    id, senderIndexFor(id), peers.get(id).ik(), peers.get(id).name()));
        }
        byte[] prev = chain.current() == null ? Roster.GENESIS : chain.current().hash();
        Roster roster = new Roster(config.roomId(), config.sessionId(), epoch, config.participantId(), members, prev);
        byte[] sig = roster.sign(config.identity());
        List<Outgoing> out = new ArrayList<>();
        out.add(new Outgoing(null, rosterMessage(roster, sig)));
        acceptRoster(roster, sig);
        byte[] mk = config.random().next(MediaKeys.KEY_LENGTH);
        ring.install(epoch, mk);
        leading = new LeaderEpoch(roster, sig, mk, new KeyDistribution(epoch, others, config.clock()));
        for (String id : others) {
            out.add(new Outgoing(id, keyMessage(roster, mk, id)));
        }
        out.addAll(pollLeader());
        return out;
    }

    /** Records a member's ack; returns the activation once everyone acked. */
    public List<Outgoing> onAck(JsonObject m) {
        E2eeJson.requireType(m, "e2ee.ack");
        if (leading != null && config.participantId().equals(E2eeJson.string(m, "to"))) {
            leading.distribution().acknowledge(E2eeJson.string(m, "from"), E2eeJson.u32(m, "epoch"));
        }
        return pollLeader();
    }

    /** Call from the leader's timer (every few hundred ms): activation after 2 s, one re-send to members without an ack. */
    public List<Outgoing> pollLeader() {
        if (leading == null) {
            return List.of();
        }
        KeyDistribution.Actions actions = leading.distribution().poll();
        List<Outgoing> out = new ArrayList<>();
        if (actions.activate()) {
            long epoch = leading.roster().epoch();
            ring.activate(epoch);
            JsonObject o = E2eeJson.message("e2ee.activate");
            o.addProperty("epoch", epoch);
            o.add(
                    "sig",
                    E2eeJson.b64(Activation.sign(
                            config.identity(), epoch, leading.roster().hash())));
            out.add(new Outgoing(null, o));
        }
        for (String id : actions.resend()) {
            out.add(new Outgoing(id, keyMessage(leading.roster(), leading.mk(), id)));
        }
        unresponsive.addAll(actions.gone());
        return out;
    }

    /** The current roster again, for the leader's heartbeat every 10 s; empty when not leading. */
    public Optional<Outgoing> rosterHeartbeat() {
        return leading == null
                ? Optional.empty()
                : Optional.of(new Outgoing(null, rosterMessage(leading.roster(), leading.signature())));
    }

    /** Members that acked neither the key nor its re-send; the leader went on without them. */
    public List<String> unresponsiveMembers() {
        return List.copyOf(unresponsive);
    }

    private JsonObject rosterMessage(Roster roster, byte[] sig) {
        JsonObject o = E2eeJson.message("e2ee.roster");
        o.addProperty("roomId", roster.roomId());
        o.addProperty("sessionId", roster.sessionId());
        o.addProperty("epoch", roster.epoch());
        o.addProperty("leaderId", roster.leaderId());
        JsonArray members = new JsonArray();
        for (RosterMember member : roster.members()) {
            JsonObject mo = new JsonObject();
            mo.addProperty("participantId", member.participantId());
            mo.addProperty("senderIndex", member.senderIndex());
            mo.add("ik", E2eeJson.b64(member.ik()));
            mo.addProperty("name", member.name());
            members.add(mo);
        }
        o.add("members", members);
        o.add("prevRosterHash", E2eeJson.hex(roster.prevRosterHash()));
        o.add("rosterHash", E2eeJson.hex(roster.hash()));
        o.add("sig", E2eeJson.b64(sig));
        return o;
    }

    private JsonObject keyMessage(Roster roster, byte[] mk, String to) {
        KeyDelivery d =
                new KeyDelivery(config.roomId(), config.sessionId(), roster.epoch(), config.participantId(), to);
        byte[] nonce = config.random().next(KeyWrap.NONCE_LENGTH);
        byte[] wrapped = KeyWrap.wrap(config.ephemeral(), peers.get(to).ek(), d, mk, roster.hash(), nonce);
        JsonObject o = E2eeJson.message("e2ee.key");
        o.addProperty("roomId", config.roomId());
        o.addProperty("sessionId", config.sessionId());
        o.addProperty("epoch", roster.epoch());
        o.addProperty("from", config.participantId());
        o.addProperty("to", to);
        o.add("nonce", E2eeJson.b64(nonce));
        o.add("wrapped", E2eeJson.b64(wrapped));
        return o;
    }

    private int senderIndexFor(String participantId) {
        return senderIndexes.computeIfAbsent(participantId, id -> ++highestSenderIndex);
    }

    // ---- member ----

    /**
     * Accepts a leader's roster: signed by its leader, hash as claimed, newer than and chained to
     * the last one, leader from the previous roster, identity keys as pinned. The same roster again
     * (the leader's 10 s heartbeat) is accepted without change.
     */
    public RosterAccepted onRoster(JsonObject m) {
        E2eeJson.requireType(m, "e2ee.roster");
        requireThisSession(m);
        List<RosterMember> members = new ArrayList<>();
        for (JsonElement e : E2eeJson.array(m, "members")) {
            JsonObject mo = E2eeJson.object(e, "roster member");
            long index = E2eeJson.number(mo, "senderIndex");
            if (index < 0 || index > 0xFFFF) {
                throw E2eeJson.malformed("senderIndex must be a u16");
            }
            members.add(new RosterMember(
                    E2eeJson.string(mo, "participantId"),
                    (int) index,
                    E2eeJson.b64(mo, "ik", 32),
                    E2eeJson.string(mo, "name")));
        }
        Roster roster = new Roster(
                config.roomId(),
                config.sessionId(),
                E2eeJson.u32(m, "epoch"),
                E2eeJson.string(m, "leaderId"),
                members,
                E2eeJson.hex(m, "prevRosterHash", 32));
        byte[] hash = roster.hash();
        if (!MessageDigest.isEqual(hash, E2eeJson.hex(m, "rosterHash", 32))) {
            throw new E2eeException(
                    E2eeException.Reason.ROSTER_MISMATCH, "rosterHash does not match the roster's content");
        }
        byte[] sig = E2eeJson.b64(m, "sig", 64);
        Roster current = chain.current();
        if (current != null && current.epoch() == roster.epoch() && MessageDigest.isEqual(current.hash(), hash)) {
            roster.verify(sig);
            return new RosterAccepted(current, securityCode, false);
        }
        String before = securityCode;
        acceptRoster(roster, sig);
        if (leading != null && !config.participantId().equals(roster.leaderId())) {
            leading = null; // someone else leads now
        }
        return new RosterAccepted(roster, securityCode, before != null && !before.equals(securityCode));
    }

    private void acceptRoster(Roster roster, byte[] sig) {
        chain.accept(roster, sig);
        rosters.put(roster.epoch(), roster);
        rosters.keySet().removeIf(e -> e < roster.epoch() - 16);
        for (RosterMember member : roster.members()) {
            senderIndexes.putIfAbsent(member.participantId(), member.senderIndex());
            highestSenderIndex = Math.max(highestSenderIndex, member.senderIndex());
        }
        // Computed from this participant's own view: its own entry carries the identity key it knows it
        // has and the name it signed, so a server that swapped either in the others' roster yields a different code.
        List<RosterMember> view = new ArrayList<>();
        for (RosterMember m : roster.members()) {
            view.add(
                    m.participantId().equals(config.participantId())
                            ? new RosterMember(
                                    m.participantId(),
                                    m.senderIndex(),
                                    config.identity().publicKey(),
                                    config.name())
                            : m);
        }
        securityCode = SecurityCode.compute(config.roomId(), config.sessionId(), view);
    }

    /** Unwraps a key from the leader of its epoch's signed roster, installs it, and returns the ack to send. */
    public KeyInstalled onKey(JsonObject m) {
        E2eeJson.requireType(m, "e2ee.key");
        requireThisSession(m);
        long epoch = E2eeJson.u32(m, "epoch");
        String from = E2eeJson.string(m, "from");
        String to = E2eeJson.string(m, "to");
        if (!to.equals(config.participantId())) {
            throw E2eeJson.malformed("e2ee.key addressed to " + to + " reached " + config.participantId());
        }
        Roster roster = rosters.get(epoch);
        if (roster == null || !roster.leaderId().equals(from)) {
            throw new E2eeException(
                    E2eeException.Reason.ROSTER_MISMATCH, "no roster for epoch " + epoch + " signed by " + from);
        }
        Peer leader = peers.get(from);
        if (leader == null) {
            throw new E2eeException(E2eeException.Reason.NO_KEY, "no hello from the leader " + from + " yet");
        }
        KeyDelivery d = new KeyDelivery(config.roomId(), config.sessionId(), epoch, from, to);
        KeyWrap.Unwrapped key = KeyWrap.unwrap(
                config.ephemeral(),
                leader.ek(),
                d,
                E2eeJson.b64(m, "nonce", KeyWrap.NONCE_LENGTH),
                E2eeJson.b64(m, "wrapped", -1));
        key.requireRoster(roster.hash());
        ring.install(epoch, key.mk());
        JsonObject ack = E2eeJson.message("e2ee.ack");
        ack.addProperty("epoch", epoch);
        ack.addProperty("from", config.participantId());
        ack.addProperty("to", from);
        return new KeyInstalled(epoch, key.mk(), ack);
    }

    /** Verifies the leader's activation of an epoch whose key is held and switches to it. */
    public Activated onActivate(JsonObject m) {
        E2eeJson.requireType(m, "e2ee.activate");
        long epoch = E2eeJson.u32(m, "epoch");
        Roster roster = rosters.get(epoch);
        if (roster == null) {
            throw new E2eeException(
                    E2eeException.Reason.ROSTER_MISMATCH, "activation of epoch " + epoch + " without its roster");
        }
        Activation.verify(roster.member(roster.leaderId()).ik(), epoch, roster.hash(), E2eeJson.b64(m, "sig", 64));
        ring.activate(epoch);
        RosterMember me = roster.member(config.participantId());
        return new Activated(epoch, me == null ? -1 : me.senderIndex());
    }

    // ---- chat ----

    /** A {@code chat.e2ee} message under the active epoch, signed by this participant. */
    public JsonObject encryptChat(String text) {
        OptionalLong epoch = ring.activeEpoch();
        if (epoch.isEmpty()) {
            throw new E2eeException(E2eeException.Reason.NO_KEY, "no meeting key is active yet");
        }
        long seq = ++chatSeq;
        ChatMessage c = E2eeChat.encrypt(
                ring.chatKey(epoch.getAsLong()),
                config.roomId(),
                epoch.getAsLong(),
                config.participantId(),
                seq,
                config.random().next(E2eeChat.NONCE_LENGTH),
                text,
                config.identity());
        JsonObject o = E2eeJson.message("chat.e2ee");
        o.addProperty("epoch", c.epoch());
        o.addProperty("from", c.from());
        o.addProperty("seq", c.seq());
        o.add("nonce", E2eeJson.b64(c.nonce()));
        o.add("ct", E2eeJson.b64(c.ct()));
        o.add("sig", E2eeJson.b64(c.sig()));
        return o;
    }

    /** Checks the sender's signature with its pinned identity key, decrypts, and refuses replays. */
    public ChatText decryptChat(JsonObject m) {
        E2eeJson.requireType(m, "chat.e2ee");
        String from = E2eeJson.string(m, "from");
        long seq = E2eeJson.number(m, "seq");
        if (seq < 0) {
            throw E2eeJson.malformed("chat seq must not be negative");
        }
        ChatMessage c = new ChatMessage(
                E2eeJson.u32(m, "epoch"),
                from,
                seq,
                E2eeJson.b64(m, "nonce", E2eeChat.NONCE_LENGTH),
                E2eeJson.b64(m, "ct", -1),
                E2eeJson.b64(m, "sig", 64));
        byte[] ik = identityOf(from);
        String text = E2eeChat.decrypt(ring.chatKey(c.epoch()), config.roomId(), c, ik);
        replayGuard.accept(from, seq);
        return new ChatText(from, c.epoch(), seq, text);
    }

    private byte[] identityOf(String participantId) {
        if (participantId.equals(config.participantId())) {
            return config.identity().publicKey();
        }
        Peer peer = peers.get(participantId);
        if (peer != null) {
            return peer.ik();
        }
        Roster roster = chain.current();
        RosterMember member = roster == null ? null : roster.member(participantId);
        if (member == null) {
            throw new E2eeException(E2eeException.Reason.NO_KEY, "no identity key known for " + participantId);
        }
        return member.ik();
    }

    // ---- state ----

    /** The security code of the current roster, or null before the first one. */
    public String securityCode() {
        return securityCode;
    }

    /** Whether a verified hello from {@code participantId} arrived in this session. */
    public boolean hasPeer(String participantId) {
        return peers.containsKey(participantId);
    }

    public Roster currentRoster() {
        return chain.current();
    }

    public OptionalLong activeEpoch() {
        return ring.activeEpoch();
    }

    public Map<String, Peer> peers() {
        return Map.copyOf(peers);
    }

    /** Leaving: delete every meeting key and the ephemeral private key. */
    public void leave() {
        ring.clear();
        config.ephemeral().close();
        leading = null;
    }

    private long newestEpoch() {
        List<Long> held = ring.heldEpochs();
        return held.isEmpty() ? 0 : held.get(held.size() - 1);
    }

    private void requireThisSession(JsonObject m) {
        if (!config.roomId().equals(E2eeJson.string(m, "roomId"))
                || !config.sessionId().equals(E2eeJson.string(m, "sessionId"))) {
            throw E2eeJson.malformed(m.get("type").getAsString() + " belongs to another room or session");
        }
    }
}
