package dev.mosaic.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.server.MosaicServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedServerSampleTest {
    @Test
    void tokensIssuedByTheHostAppAreAcceptedForTheirRoom() throws Exception {
        try (MosaicServer server = MosaicServer.builder()
                .port(0)
                .secret("a-sample-secret-that-is-long-enough-1234")
                .start()) {
            String token =
                    server.tokens().issue("maths-101", "student-7", "Alan", Role.PARTICIPANT, Duration.ofMinutes(5));
            JoinTokenClaims claims = server.tokens().verify(token, "maths-101");
            assertEquals("Alan", claims.displayName());
            assertEquals(Role.PARTICIPANT, claims.role());
        }
    }
}
