package dev.mosaic.server.events;

import dev.mosaic.core.token.JoinTokenClaims;

/**
 * Someone with a valid token asks to enter a room.
 *
 * @param room          the room name
 * @param claims        what their join token says (user id, display name, role, token id)
 * @param remoteAddress the address their connection comes from, e.g. {@code 203.0.113.7}
 */
public record JoinRequest(String room, JoinTokenClaims claims, String remoteAddress) {}
