package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.server.MosaicServer;
import java.security.SecureRandom;

/**
 * What every SFU browser test runs on: a real Janus (started inside the test namespace by {@link JanusServer})
 * and a Mosaic server whose rooms are {@code sfu} by default and drive that Janus. Closes both, Mosaic first.
 */
final class SfuStack implements AutoCloseable {
    final JanusServer janus;
    final MosaicServer mosaic;

    private SfuStack(JanusServer janus, MosaicServer mosaic) {
        this.janus = janus;
        this.mosaic = mosaic;
    }

    static SfuStack start() throws Exception {
        return start(builder -> builder.media(MediaMode.SFU));
    }

    /** With the Mosaic server's settings changed by {@code settings} (e.g. {@code auto} rooms by default). */
    static SfuStack start(java.util.function.UnaryOperator<MosaicServer.Builder> settings) throws Exception {
        JanusServer janus = JanusServer.start();
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            MosaicServer mosaic = settings.apply(MosaicServer.builder()
                            .port(0)
                            .secret(secret)
                            .janusUrl(janus.url())
                            .janusAdminKey(janus.adminKey))
                    .start();
            return new SfuStack(janus, mosaic);
        } catch (Exception | Error e) {
            janus.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            mosaic.close();
        } finally {
            janus.close();
        }
    }
}
