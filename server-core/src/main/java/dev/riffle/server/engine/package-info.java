/**
 * The streaming engine: sessions (a core and one part per kind of media), the video and audio pipelines, the audio
 * pacer, the watchdog and the JSON the wire carries. Transports reach a session through Peer; the engine never
 * touches a socket.
 *
 * <p>Internal: not part of Riffle's API (its classes are public for the other internal packages only) and may change
 * in any release.
 */
package dev.riffle.server.engine;
