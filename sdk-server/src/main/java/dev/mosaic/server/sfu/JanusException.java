package dev.mosaic.server.sfu;

/** Janus refused a request ({@code code} from Janus or its VideoRoom plugin), or could not be reached (code 0). */
public final class JanusException extends RuntimeException {
    private final int code;

    public JanusException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
