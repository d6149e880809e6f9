package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.sfu.SfuStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ActiveSpeakerIT}'s meeting in an {@code sfu} room, through a real Janus: the same people, sounds,
 * layouts and expectations. There the levels come from the subscriber connection's audio receivers
 * (one per feed, mapped to participants through the {@code sfu.offer} tracks list), and Anna starts
 * on Cleo's second page, where her feed is subscribed {@code audio-only}: her speech must still bring
 * her to page one.
 */
@Tag("sfu")
@Timeout(300)
class SfuActiveSpeakerIT extends ActiveSpeakerIT {
    private SfuStack stack;

    @Override
    MosaicServer startServer(HostSite site) throws Exception {
        stack = SfuStack.start(builder -> builder.allowedOrigin(site.origin()));
        site.issuingWith(stack.mosaic.tokens());
        return stack.mosaic;
    }

    @Override
    void stopServer(MosaicServer server) throws Exception {
        stack.close();
    }

    @Test
    @Order(0)
    void everyoneIsOnTheSfuAndCleoOnlyHearsAnnaOffHerPage() {
        for (HostPageParticipant p : people) {
            assertEquals(
                    "sfu",
                    p.inMeeting(d -> p.script("return window.mosaicDiagnostics.media()")),
                    p.name() + " uses the SFU transport");
        }
        await(
                "Cleo subscribes to Anna, on her second page, for sound only",
                () -> "audio-only"
                        .equals(cleo.inMeeting(d -> cleo.script(
                                "return window.mosaicDiagnostics.requestedVideo()[arguments[0] + ':camera']",
                                anna.id()))),
                cleo);
    }
}
