package dev.mosaic.core.protocol;

/** In an {@code sfu.offer}: the m-line {@code mid} carries {@code participantId}'s {@code source} {@code kind} (audio or video). */
public record SfuTrack(String mid, String participantId, String source, String kind) {}
