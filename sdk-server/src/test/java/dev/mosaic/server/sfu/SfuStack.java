package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.server.MosaicServer;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;

/**
 * What every SFU browser test runs on: a real Janus (started inside the test namespace by {@link JanusServer})
 * and a Mosaic server whose rooms are {@code sfu} by default and drive that Janus. Closes both, Mosaic first.
 * Public so that browser tests of other packages (a host page's meeting, say) run on it too.
 */
public final class SfuStack implements AutoCloseable {
    final JanusServer janus;
    public final MosaicServer mosaic;

    private SfuStack(JanusServer janus, MosaicServer mosaic) {
        this.janus = janus;
        this.mosaic = mosaic;
    }

    public static SfuStack start() throws Exception {
        return start(builder -> builder);
    }

    /**
     * With the Mosaic server's settings changed by {@code settings}: another media mode ({@code auto} rooms by
     * default, say) or an allowed origin for a host page.
     */
    public static SfuStack start(UnaryOperator<MosaicServer.Builder> settings) throws Exception {
        JanusServer janus = JanusServer.start();
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            MosaicServer mosaic = settings.apply(MosaicServer.builder()
                            .port(0)
                            .secret(secret)
                            .media(MediaMode.SFU)
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
