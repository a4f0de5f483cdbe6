/**
 * The HTTP routes of a mounted stream (FastRTC's input hook, outputs, queue status, WebRTC offer), its pages and the
 * Origin check.
 *
 * <p>Internal: not part of Riffle's API (its classes are public for the other internal packages only) and may change
 * in any release.
 */
package dev.riffle.server.http;
