// The media transport seam: how this participant's media reaches the others and theirs reaches us.
// The meeting talks to a transport only through the methods below, so a second one (an SFU) sits
// beside the first (the mesh) without the session, the room model or the views knowing which it is.
//
// A transport is an Emitter with these events:
// - stream {id, stream}        a participant's media arrived (or changed): play it on their tile
// - connectionState {id, state} the path to a participant as the user should see it
//                               ('connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed')
// - mismatch {id, verdict}      (mesh, E2EE rooms) a peer's DTLS certificate is not the one it signed
//
// and these methods:
// - kind                              'mesh' or 'sfu'
// - configure({selfId, iceServers, iceTransportPolicy})  after every `joined`
// - enableE2ee({media, certificate})  an end-to-end encrypted room: transforms on every sender and receiver
// - dtlsHello(id, dtlsFp)             a peer's verified hello (mesh: the certificate its link must present)
// - start()                           after `joined`, and when a viewer may speak: send our media
//                                     (sfu: publish our feed; mesh: nothing, each link carries it)
// - reset()                           we came back under a new id: every path starts over
// - connect(id, {initiator})          open the path to a participant (mesh: one peer connection each)
// - has(id)                           whether a path to that participant exists
// - forget(id)                        a participant left
// - handleSignal(msg) → boolean       a transport message from the server (true if it was one)
// - setViewSizes(sizes)               how large the gallery shows each tile (null: off the page), so
//                                     senders or the server send no more than that
// - resendViewSize(id)                a participant (re)appeared: repeat our size request to it
// - replaceTrack(kind, track)         our microphone, camera or screen changed
// - audioLevels() → Promise<Map<id, level>>   the others' sound level, for speaker detection
// - inboundVideo() → Promise<{id, ...stats}[]>, sentEncodings(), requestedVideo(), dtlsStats()   diagnostics
// - close()
//
// MeshTransport (mesh-transport.js) is one RTCPeerConnection per peer, negotiated through Mosaic's
// `offer`/`answer`/`candidate` relay, bound to signed DTLS fingerprints in end-to-end encrypted rooms.
// SfuTransport (sfu-transport.js) is one publisher and one subscriber connection to the media server,
// through Mosaic's `sfu.*` messages (docs/protocol.md); the server picks it with `joined.media: "sfu"`.

/** The transport for a room's media mode, as `joined.media` names it (a server without it runs a mesh). */
export function transportKind(joined) {
  return joined?.media === 'sfu' ? 'sfu' : 'mesh';
}
