package dev.mosaic.core.protocol;

/** Shared field checks for message validation. */
final class Fields {
    private Fields() {}

    static void require(String requestId, String name, String value) throws ProtocolException {
        if (value == null || value.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field '" + name + "'", requestId);
        }
    }
}
