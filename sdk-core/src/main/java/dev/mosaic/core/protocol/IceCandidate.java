package dev.mosaic.core.protocol;

/** The JSON form of a browser's {@code RTCIceCandidate}, relayed unchanged. */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {}
