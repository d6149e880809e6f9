/**
 * End-to-end encryption (WMX1, see {@code docs/e2ee.md}): SFrame (RFC 9605) media encryption,
 * the leader's wrapped meeting keys, the signed roster, encrypted chat and the security code.
 * Everything here is pure cryptography on bytes; nothing knows about sockets or rooms' state.
 */
package dev.mosaic.core.e2ee;
