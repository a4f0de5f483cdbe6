// @ts-check
/**
 * Audio figures for riffle.audio: chunks of the handler's audio counted, and level and pitch of the last 200 ms each
 * way - from the WebSocket's PCM chunks, or measured on a remote WebRTC track.
 */
import { analyse, pcmChunks } from './riffle-audio.js';
import { countProcessed, riffle } from './debug-stats.js';

/** The last `seconds` of a stream of 16-bit samples (first channel), for level and pitch figures. */
export class RecentSamples {
  /** @param {number} seconds */
  constructor(seconds) {
    this.seconds = seconds;
    this.samples = new Int16Array(0);
  }

  /** Appends a chunk and returns the window. @param {Int16Array} chunk @param {number} rate @param {number} channels */
  push(chunk, rate, channels) {
    const size = Math.round(this.seconds * rate);
    const frames = Math.floor(chunk.length / channels);
    const keep = Math.min(this.samples.length, Math.max(0, size - frames));
    const next = new Int16Array(keep + Math.min(frames, size));
    next.set(this.samples.subarray(this.samples.length - keep), 0);
    for (let i = Math.max(0, frames - size), j = keep; i < frames; i++, j++) {
      next[j] = chunk[i * channels];
    }
    this.samples = next;
    return next;
  }
}

/**
 * Measures a chunk of the microphone's audio (riffle.audio.input).
 * @param {Int16Array} samples mono @param {number} sampleRate @param {RecentSamples} recent
 */
export function measureSentAudio(samples, sampleRate, recent) {
  riffle.audio.input = analyse(recent.push(samples, sampleRate, 1), sampleRate);
}

/**
 * Counts a chunk of the handler's audio in riffle.audio and measures level and pitch of the last 200 ms.
 * @param {Int16Array} samples @param {number} sampleRate @param {number} channels @param {RecentSamples} recent
 */
export function countReceivedAudio(samples, sampleRate, channels, recent) {
  const a = riffle.audio;
  a.received++;
  a.receivedSamples += samples.length / channels;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    sum += samples[i] * samples[i];
  }
  if (samples.length && Math.sqrt(sum / samples.length) / 32768 > 0.005) {
    a.audibleSamples += samples.length / channels;
  }
  a.sampleRate = sampleRate;
  a.output = analyse(recent.push(samples, sampleRate, channels), sampleRate);
  countProcessed(a.received);
}

/**
 * Measures a remote audio track's level and pitch (riffle.audio.output), chunk by chunk, with the microphone's
 * worklet.
 * @param {MediaStream} remote @param {RecentSamples} recent
 */
export async function measureAudio(remote, recent) {
  // Chrome delivers a remote WebRTC track to Web Audio only while a media element plays it
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = remote;
  sink.play().catch(() => {});
  const context = new AudioContext({ sampleRate: 48000 });
  await pcmChunks(context, remote, 960, (samples) => countReceivedAudio(samples, context.sampleRate, 1, recent));
  remote.getTracks()[0]?.addEventListener('ended', () => context.close());
}
