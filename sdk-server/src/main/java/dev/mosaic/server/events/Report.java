package dev.mosaic.server.events;

import dev.mosaic.core.protocol.Participant;
import java.time.Instant;

/**
 * Someone in a room reported another participant. Goes to the room's hosts, to
 * {@link MeetingListener#onReport} and to the {@code report} webhook; never to the reported person.
 *
 * @param room       the room it happened in
 * @param by         who reported, as they were at that moment
 * @param target     who was reported, as they were at that moment
 * @param reason     the reporter's words, 1-500 characters
 * @param reportedAt server time of the report
 */
public record Report(String room, Participant by, Participant target, String reason, Instant reportedAt) {}
