package dev.mosaic.core.protocol;

/**
 * One feed a receiver wants ({@code sfu.subscribe}): {@code participantId}'s {@code source}, at
 * simulcast {@code layer} ({@code low}, {@code medium}, {@code high}; {@code audio-only} for its sound
 * alone). Absent layer: high.
 */
public record SfuWant(String participantId, String source, String layer) {}
