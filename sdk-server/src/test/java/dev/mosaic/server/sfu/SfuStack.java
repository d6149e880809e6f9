package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.server.MosaicServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What every SFU browser test runs on: a real Janus (started inside the test namespace by {@link JanusServer}),
 * or a pool of them side by side, and a Mosaic server whose rooms are {@code sfu} by default and drive them.
 * Closes all, Mosaic first.
 */
final class SfuStack implements AutoCloseable {
    final JanusServer janus;
    /** Every Janus of the pool, {@link #janus} first. */
    final List<JanusServer> pool;

    final MosaicServer mosaic;

    private SfuStack(List<JanusServer> pool, MosaicServer mosaic) {
        this.janus = pool.get(0);
        this.pool = pool;
        this.mosaic = mosaic;
    }

    static SfuStack start() throws Exception {
        return start(builder -> builder.media(MediaMode.SFU));
    }

    /** With the Mosaic server's settings changed by {@code settings} (e.g. {@code auto} rooms by default). */
    static SfuStack start(java.util.function.UnaryOperator<MosaicServer.Builder> settings) throws Exception {
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
        return startOn(pool, adminKey, builder -> builder.media(MediaMode.SFU).devMode(true));
    }

    private static SfuStack startOn(
            List<JanusServer> pool, String adminKey, java.util.function.UnaryOperator<MosaicServer.Builder> settings)
            throws Exception {
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            MosaicServer.Builder builder =
                    MosaicServer.builder().port(0).secret(secret).janusAdminKey(adminKey);
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
