/**
 * The WebRTC transport (webrtc-java): one peer connection per session, FastRTC's offer route, tracks and data
 * channel. WebRtcOptions is the one public class users configure.
 *
 * <p>Internal but for WebRtcOptions: the rest is public for the other internal packages only and may change in any
 * release.
 */
package dev.riffle.server.transport.webrtc;
