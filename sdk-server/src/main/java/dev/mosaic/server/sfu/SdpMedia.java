package dev.mosaic.server.sfu;

import java.util.ArrayList;
import java.util.List;

/** What a publisher's offer carries, read from its SDP: each m-line's kind and mid, and simulcast. */
record SdpMedia(List<Line> lines, boolean simulcast) {
    record Line(String kind, String mid) {}

    static SdpMedia of(String sdp) {
        List<Line> lines = new ArrayList<>();
        boolean simulcast = false;
        String kind = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                int space = line.indexOf(' ');
                kind = line.substring(2, space > 0 ? space : line.length());
            } else if (line.startsWith("a=mid:") && kind != null) {
                lines.add(new Line(kind, line.substring(6)));
            } else if (line.startsWith("a=simulcast:") || line.startsWith("a=ssrc-group:SIM")) {
                simulcast = true;
            }
        }
        return new SdpMedia(List.copyOf(lines), simulcast);
    }

    boolean has(String kind) {
        return lines.stream().anyMatch(l -> l.kind().equals(kind));
    }

    /** The mid of the first m-line of {@code kind}, or null. */
    String mid(String kind) {
        return lines.stream()
                .filter(l -> l.kind().equals(kind))
                .map(Line::mid)
                .findFirst()
                .orElse(null);
    }
}
