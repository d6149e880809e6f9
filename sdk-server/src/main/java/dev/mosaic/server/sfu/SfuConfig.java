package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.MediaMode;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How this server reaches its media servers.
 *
 * @param janusUrls     WebSocket URLs of the Janus servers (a pool: each room goes to the least loaded);
 *                      empty when the server has none, and then {@code sfu} rooms cannot publish
 * @param adminKey      the VideoRoom {@code admin_key} of those servers, needed to create rooms; null if unset
 * @param defaultMedia  the media mode of rooms that name none (and of rooms started by a join)
 * @param sfuThreshold  an {@code auto} room that names no threshold moves to the SFU above this many people
 */
public record SfuConfig(List<URI> janusUrls, String adminKey, MediaMode defaultMedia, int sfuThreshold) {
    public static final SfuConfig NONE = new SfuConfig(List.of(), null, MediaMode.MESH);

    /** With the default threshold (4). */
    public SfuConfig(List<URI> janusUrls, String adminKey, MediaMode defaultMedia) {
        this(janusUrls, adminKey, defaultMedia, dev.mosaic.server.room.RoomOptions.DEFAULT_SFU_THRESHOLD);
    }

    public SfuConfig {
        janusUrls = List.copyOf(janusUrls);
        Objects.requireNonNull(defaultMedia);
        for (URI url : janusUrls) {
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                throw new IllegalArgumentException("a Janus URL must be ws:// or wss://, got " + url);
            }
        }
        if (defaultMedia != MediaMode.MESH && janusUrls.isEmpty()) {
            throw new IllegalArgumentException(
                    defaultMedia.wireName() + " as the default media mode needs at least one Janus URL (--janus-url)");
        }
    }
}
