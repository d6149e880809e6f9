package dev.mosaic.core.protocol;

/** One feed published in an SFU room ({@code sfu.feeds}): whose, which source, what it carries. */
public record SfuFeed(String participantId, String source, boolean video, boolean audio, boolean simulcast) {}
