/**
 * The WebSocket transport: Riffle's socket (JPEG or raw frames, PCM chunks, JSON control) and FastRTC's telephone-
 * style socket, each sending through a bounded outbox so no shared thread waits on a client.
 *
 * <p>Internal: not part of Riffle's API (its classes are public for the other internal packages only) and may change
 * in any release.
 */
package dev.riffle.server.transport.websocket;
