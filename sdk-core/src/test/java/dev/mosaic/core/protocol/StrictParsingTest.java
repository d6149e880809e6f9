package dev.mosaic.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only RFC 8259 JSON is read, and no field of one JSON type is read as another (docs/protocol.md).
 * Each refused text below was accepted before (Gson's lenient defaults), and E2EE texts that are not
 * strict JSON would have been relayed to browsers whose {@code JSON.parse} refuses them.
 */
class StrictParsingTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"v\":1,/* a comment */\"type\":\"chat\",\"text\":\"hi\"}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"hi\"} // a comment",
                "{'v':1,'type':'chat','text':'hi'}",
                "{v:1,type:\"chat\",text:\"hi\"}",
                "{\"v\":1,\"type\":\"view.constraints\",\"to\":\"p2\",\"maxHeight\":NaN,\"maxFps\":15,\"active\":true}",
                "{\"v\":1,\"type\":\"view.constraints\",\"to\":\"p2\",\"maxHeight\":Infinity,\"maxFps\":15,\"active\":true}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"hi\",}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"hi\"} trailing",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"hi\"}{\"v\":1,\"type\":\"leave\"}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"an invalid escape \\'\"}",
                "\uFEFF{\"v\":1,\"type\":\"chat\",\"text\":\"hi\"}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"raw\nnewline\"}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"raw\u0001control\"}",
                "{\"v\":1,\"type\":\"chat.e2ee\",'epoch':7,\"ct\":\"AAAA\"}",
                "{\"v\":1,\"type\":\"e2ee.ack\",\"to\":\"p2\",\"epoch\":7 /* not JSON */}",
                "{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":NaN}",
            })
    void textThatIsNotStrictJsonIsRefused(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(text));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("message is not valid JSON"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"v\":1,\"type\":\"chat\",\"text\":5}",
                "{\"v\":1,\"type\":\"chat\",\"text\":true}",
                "{\"v\":1,\"type\":\"chat\",\"text\":[\"hi\"]}",
                "{\"v\":1,\"type\":\"offer\",\"to\":7,\"sdp\":\"v=0\"}",
                "{\"v\":1,\"type\":\"lock\",\"locked\":\"true\"}",
                "{\"v\":1,\"type\":\"lock\",\"locked\":1}",
                "{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":\"true\",\"video\":false,\"screen\":false,\"hand\":false}}",
                "{\"v\":1,\"type\":\"view.constraints\",\"to\":\"p2\",\"maxHeight\":\"180\",\"maxFps\":15,\"active\":true}",
                "{\"v\":1,\"type\":\"view.constraints\",\"to\":\"p2\",\"maxHeight\":180.5,\"maxFps\":15,\"active\":true}",
                "{\"v\":1,\"type\":\"candidate\",\"to\":\"p2\",\"candidate\":{\"candidate\":\"c\",\"sdpMLineIndex\":\"0\"}}",
                "{\"v\":1,\"type\":\"mute\",\"target\":\"p2\",\"kind\":5}",
                "{\"v\":1,\"type\":\"chat.e2ee\",\"from\":5}",
            })
    void aFieldOfTheWrongJsonTypeIsRefused(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(text));
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"v\":1,\"type\":\"chat\",\"text\":\"bell \\u0007\"}",
                "{\"v\":1,\"type\":\"chat\",\"text\":\"nul \\u0000\"}",
                "{\"v\":1,\"type\":\"offer\",\"to\":\"p2\",\"sdp\":\"v=0\\u001b[2J\"}",
                "{\"v\":1,\"type\":\"report\",\"target\":\"p2\",\"reason\":\"\\b\\b\\b\"}",
                "{\"v\":1,\"type\":\"chat.e2ee\",\"ct\":\"\\u0001\"}",
                "{\"v\":1,\"type\":\"leave\",\"unknown\\u0002\":1}",
            })
    void escapedControlCharactersAreRefusedWhereTheProtocolHasNoUseForThem(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(text));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }

    @Test
    void tabsAndLineBreaksStayAllowedWhereTextNeedsThem() throws Exception {
        assertEquals(
                new ClientMessage.Chat("1", "two\nlines\twith a tab\r\n"),
                MessageCodec.decodeClient(
                        "{\"v\":1,\"type\":\"chat\",\"id\":\"1\",\"text\":\"two\\nlines\\twith a tab\\r\\n\"}"));
        assertEquals(
                new ClientMessage.Offer(null, "p2", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"),
                MessageCodec.decodeClient(
                        "{\"v\":1,\"type\":\"offer\",\"to\":\"p2\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}"));
    }

    @Test
    void theStrictTwinsOfTheRefusedMessagesAreRead() throws Exception {
        assertEquals(
                new ClientMessage.Lock(null, true),
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"lock\",\"locked\":true}"));
        assertEquals(
                new ClientMessage.ViewConstraints(null, "p2", 180, 15, true),
                MessageCodec.decodeClient(
                        " {\"v\":1,\"type\":\"view.constraints\",\"to\":\"p2\",\"maxHeight\":180,\"maxFps\":15,\"active\":true} \n"));
        assertEquals(
                new ClientMessage.Candidate(null, "p2", new IceCandidate("c", null, 0, null)),
                MessageCodec.decodeClient(
                        "{\"v\":1,\"type\":\"candidate\",\"to\":\"p2\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":null,\"sdpMLineIndex\":0}}"));
        ClientMessage e2ee = MessageCodec.decodeClient("{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":7,\"ct\":\"AAAA\"}");
        assertEquals("chat.e2ee", ((ClientMessage.E2ee) e2ee).type());
    }

    @Test
    void serverMessagesAreReadStrictlyToo() {
        assertThrows(
                ProtocolException.class,
                () -> MessageCodec.decodeServer(
                        "{\"v\":1,\"type\":\"chat\",\"from\":\"p1\",\"name\":\"Ada\",\"text\":5,\"sentAt\":1}"));
        assertThrows(
                ProtocolException.class, () -> MessageCodec.decodeServer("{'v':1,'type':'chat.e2ee','from':'p1'}"));
    }
}
