package dev.mosaic.core.token;

import dev.mosaic.core.protocol.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * What a join token says: who may enter which room, under which name and role, and when.
 *
 * @param tokenId unique per token ({@code jti}), so a removed participant's token can be refused
 */
public record JoinTokenClaims(
        String room,
        String userId,
        String displayName,
        Role role,
        Instant notBefore,
        Instant expiresAt,
        String tokenId) {
    public JoinTokenClaims {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(tokenId, "tokenId");
        if (!expiresAt.isAfter(notBefore)) {
            throw new IllegalArgumentException("expiresAt must be after notBefore");
        }
    }
}
