package dev.mosaic.core.protocol;

/** A message that cannot be accepted; carries the stable code and the request id to echo back. */
public class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String requestId;

    public ProtocolException(ErrorCode code, String message, String requestId) {
        super(message);
        this.code = code;
        this.requestId = requestId;
    }

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the request that failed, or null when it had none or could not be read. */
    public String requestId() {
        return requestId;
    }

    /** The same error, tied to the request it answers. */
    public ProtocolException withRequestId(String id) {
        return new ProtocolException(code, getMessage(), id);
    }

    /** The error as a message to send. */
    public ServerMessage.Error toMessage() {
        return new ServerMessage.Error(code, getMessage(), requestId);
    }
}
