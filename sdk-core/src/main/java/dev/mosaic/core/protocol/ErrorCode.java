package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/** Stable error codes sent in {@code error} messages. Clients switch on these; never rename one. */
public enum ErrorCode {
    /** The message is not valid JSON, lacks a field, or has a field of the wrong type. */
    @SerializedName("bad_request")
    BAD_REQUEST,
    /** The message {@code type} is not one this server knows. */
    @SerializedName("unknown_type")
    UNKNOWN_TYPE,
    /** The message's protocol version {@code v} is not supported. */
    @SerializedName("unsupported_version")
    UNSUPPORTED_VERSION,
    /** No join token was given, or the connection has not joined yet. */
    @SerializedName("unauthorized")
    UNAUTHORIZED,
    /** The join token is not a well-formed JWT. */
    @SerializedName("token_malformed")
    TOKEN_MALFORMED,
    /** The join token is not signed with HS256 (for example {@code alg: none}). */
    @SerializedName("token_bad_algorithm")
    TOKEN_BAD_ALGORITHM,
    /** The join token's signature does not match the app secret. */
    @SerializedName("token_bad_signature")
    TOKEN_BAD_SIGNATURE,
    /** The join token's {@code exp} has passed. */
    @SerializedName("token_expired")
    TOKEN_EXPIRED,
    /** The join token's {@code nbf} is still in the future. */
    @SerializedName("token_not_yet_valid")
    TOKEN_NOT_YET_VALID,
    /** The join token was issued for another room. */
    @SerializedName("token_wrong_room")
    TOKEN_WRONG_ROOM,
    /** The participant may not do this (role too low, or already joined). */
    @SerializedName("forbidden")
    FORBIDDEN,
    /** The room has reached its capacity. */
    @SerializedName("room_full")
    ROOM_FULL,
    /** The room is locked by a host. */
    @SerializedName("room_locked")
    ROOM_LOCKED,
    /** The named participant or room does not exist. */
    @SerializedName("not_found")
    NOT_FOUND,
    /** The message is larger than the server accepts. */
    @SerializedName("too_large")
    TOO_LARGE,
    /** Too many messages per second on this connection, or too many connections from one address. */
    @SerializedName("rate_limited")
    RATE_LIMITED,
    /** REST only: the room already exists. */
    @SerializedName("conflict")
    CONFLICT,
    /** SFU rooms: the media server (Janus) is unreachable or refused the request; try again. */
    @SerializedName("sfu_unavailable")
    SFU_UNAVAILABLE;

    /** The code as it appears on the wire, e.g. {@code token_expired}. */
    public String wireName() {
        return WireNames.of(this);
    }
}
