package dev.mosaic.core.protocol;

import java.util.List;

/** One entry of {@code RTCConfiguration.iceServers}, handed to clients when they join. */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer(List<String> urls) {
        this(urls, null, null);
    }
}
