package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.server.MosaicServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What every SFU browser test runs on: a real Janus (started inside the test namespace by {@link JanusServer}),
 * or a pool of them side by side, and a Mosaic server whose rooms are {@code sfu} by default and drive them.
 * Closes all, Mosaic first. Public so that browser tests of other packages (a host page's meeting, say) run on
 * it too.
 */
public final class SfuStack implements AutoCloseable {
    final JanusServer janus;
    /** Every Janus of the pool, {@link #janus} first. */
    final List<JanusServer> pool;

    public final MosaicServer mosaic;

    private SfuStack(List<JanusServer> pool, MosaicServer mosaic) {
        this.janus = pool.get(0);
        this.pool = pool;
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
        return startOn(new ArrayList<>(List.of(janus)), janus.adminKey, settings);
    }

    /**
     * {@code count} Janus sharing one admin key (each its own port, RTP ports and folder), one Mosaic using
     * them all, in dev mode so that the demo page (the real widget) can join.
     */
    static SfuStack startPool(int count) throws Exception {
        String adminKey = "test-" + UUID.randomUUID();
        List<JanusServer> pool = new ArrayList<>();
        try {
            for (int slot = 0; slot < count; slot++) {
                pool.add(JanusServer.startInPool(adminKey, slot));
            }
        } catch (Exception | Error e) {
            closeAll(pool);
            throw e;
        }
        return startOn(pool, adminKey, builder -> builder.devMode(true));
    }

    private static SfuStack startOn(
            List<JanusServer> pool, String adminKey, UnaryOperator<MosaicServer.Builder> settings) throws Exception {
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            MosaicServer.Builder builder = MosaicServer.builder()
                    .port(0)
                    .secret(secret)
                    .media(MediaMode.SFU)
                    .janusAdminKey(adminKey);
            pool.forEach(j -> builder.janusUrl(j.url()));
            return new SfuStack(pool, settings.apply(builder).start());
        } catch (Exception | Error e) {
            closeAll(pool);
            throw e;
        }
    }

    private static void closeAll(List<JanusServer> pool) throws InterruptedException {
        for (JanusServer j : pool) {
            j.close();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            mosaic.close();
        } finally {
            closeAll(pool);
        }
    }
}
