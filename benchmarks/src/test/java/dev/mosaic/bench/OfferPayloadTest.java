package dev.mosaic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.MessageCodec;
import org.junit.jupiter.api.Test;

class OfferPayloadTest {
    @Test
    void mosaicOfferIsAValidProtocolMessageOfAboutThreeKilobytes() throws Exception {
        String text = new MosaicProtocol(8080, "benchmark-offer-test-secret-0123456789abcdef", 4)
                .offer("peer-1", OfferPayload.json('P', 123_456_789L));
        ClientMessage.Offer offer = (ClientMessage.Offer) MessageCodec.decodeClient(text);
        assertEquals("peer-1", offer.to());
        assertTrue(
                offer.sdp().startsWith("BENCH:P:123456789:\r\nv=0\r\n"),
                offer.sdp().substring(0, 40));
        assertTrue(text.length() > 2800 && text.length() < 3300, "offer is " + text.length() + " chars");
    }

    @Test
    void phaseAndSendTimeSurviveTheRelayedForm() {
        long sent = System.nanoTime();
        String relayed = "{\"type\":\"offer\",\"from\":\"abc\",\"sdp\":" + OfferPayload.json('S', sent) + "}";
        assertEquals('S', OfferPayload.phase(relayed));
        assertEquals(sent, OfferPayload.sentNanos(relayed));
        assertEquals(0, OfferPayload.phase("{\"type\":\"participantJoined\"}"));
    }

    @Test
    void peerJsOfferCarriesTheSamePayloadUnderPayload() {
        String text = new PeerJsProtocol(9000).offer("peer-2", OfferPayload.json('P', -5));
        JsonObject msg = JsonParser.parseString(text).getAsJsonObject();
        assertEquals("OFFER", msg.get("type").getAsString());
        assertEquals("peer-2", msg.get("dst").getAsString());
        assertEquals(
                -5,
                OfferPayload.sentNanos(msg.getAsJsonObject("payload").get("sdp").getAsString()));
    }
}
