// @ts-check
/**
 * <riffle-audio>: a streaming audio output, Gradio's Audio(streaming=True, autoplay=True): call play(samples,
 * sampleRate, channels) per chunk; chunks play back to back in arrival order. Attributes: label.
 *
 * Also exports AudioPlayer (the scheduling both this element and <riffle-microphone> use) and analyse() (level
 * and pitch of a chunk, for level meters and tests).
 */
import { label, messageBox, setMessage } from './media-view.js';

/** Plays 16-bit PCM chunks back to back on an AudioContext, with a small jitter margin. */
export class AudioPlayer {
  /** @param {AudioContext} context */
  constructor(context) {
    this.context = context;
    /** context time at which the next chunk starts */
    this.next = 0;
    /** chunks that arrived after their start time had passed (the playback ran dry) */
    this.underruns = 0;
  }

  /** @param {Int16Array} samples interleaved @param {number} sampleRate @param {number} channels */
  play(samples, sampleRate, channels) {
    const frames = Math.floor(samples.length / channels);
    if (frames === 0 || this.context.state === 'closed') {
      return;
    }
    const buffer = this.context.createBuffer(channels, frames, sampleRate);
    for (let c = 0; c < channels; c++) {
      const data = buffer.getChannelData(c);
      for (let i = 0; i < frames; i++) {
        data[i] = samples[i * channels + c] / 32768;
      }
    }
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const now = this.context.currentTime;
    if (this.next < now) {
      if (this.next > 0) {
        this.underruns++;
      }
      this.next = now + 0.06; // 60 ms of margin against network jitter
    }
    source.start(this.next);
    this.next += buffer.duration;
  }
}

/**
 * RMS level (0..1 of full scale) and frequency of a chunk's first channel; the frequency comes from its rising zero
 * crossings (interpolated), so it is meant for tones, not speech. Returns frequency 0 when there are fewer than two.
 * @param {Int16Array} samples @param {number} sampleRate @param {number} [channels]
 */
export function analyse(samples, sampleRate, channels = 1) {
  let sum = 0;
  let first = -1;
  let last = -1;
  let crossings = 0;
  let previous = 0;
  const frames = Math.floor(samples.length / channels);
  for (let i = 0; i < frames; i++) {
    const v = samples[i * channels] / 32768;
    sum += v * v;
    if (i > 0 && previous < 0 && v >= 0) {
      const at = i - 1 + previous / (previous - v);
      if (first < 0) {
        first = at;
      } else {
        crossings++;
      }
      last = at;
    }
    previous = v;
  }
  return { rms: frames ? Math.sqrt(sum / frames) : 0,
    frequency: crossings > 0 ? (crossings * sampleRate) / (last - first) : 0 };
}

/**
 * Cuts a media stream's audio into 16-bit mono PCM chunks of `chunk` samples (at the context's rate) with the
 * microphone's worklet, passing each to `onChunk`. Returns the worklet node (post it 'stop' and disconnect it to
 * end), or null when `wanted()` turned false while the worklet loaded.
 * @param {AudioContext} context @param {MediaStream} stream @param {number} chunk
 * @param {(samples: Int16Array) => void} onChunk @param {() => boolean} [wanted]
 */
export async function pcmChunks(context, stream, chunk, onChunk, wanted = () => true) {
  await context.audioWorklet.addModule(new URL('./mic-worklet.js', import.meta.url));
  if (!wanted()) {
    return null;
  }
  const node = new AudioWorkletNode(context, 'riffle-mic', {
    numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], processorOptions: { chunk },
  });
  node.port.onmessage = (e) => onChunk(/** @type {Int16Array} */ (e.data));
  context.createMediaStreamSource(stream).connect(node);
  // the worklet writes silence; connecting it keeps the graph pulling it in every browser
  node.connect(context.destination);
  return node;
}

/**
 * A level meter, labelled "Level" beside a speaker icon, a green segmented bar whose width follows the RMS level
 * (unlike the orange time-limit bar, which only ever empties). `name` is what screen readers call it.
 * @param {string} [name]
 */
export function levelMeter(name = 'Level') {
  const meter = document.createElement('div');
  meter.className = 'riffle-level';
  meter.setAttribute('role', 'meter');
  meter.setAttribute('aria-label', name);
  meter.setAttribute('aria-valuemin', '0');
  meter.setAttribute('aria-valuemax', '1');
  meter.setAttribute('aria-valuenow', '0');
  const caption = document.createElement('span');
  caption.className = 'riffle-level-label';
  caption.setAttribute('aria-hidden', 'true');
  // a speaker drawn in SVG (an emoji needs a font that may be missing)
  caption.innerHTML = '<svg viewBox="0 0 16 16" width="14" height="14"><path d="M2 6h3l4-3v10l-4-3H2z" '
    + 'fill="currentColor"/><path d="M11 5a4 4 0 0 1 0 6M13 3a7 7 0 0 1 0 10" stroke="currentColor" fill="none"/>'
    + '</svg>Level';
  const track = document.createElement('div');
  track.className = 'riffle-level-track';
  const fill = document.createElement('div');
  fill.className = 'riffle-level-fill';
  track.append(fill);
  meter.append(caption, track);
  return meter;
}

/** @param {HTMLElement|undefined} meter @param {number} rms */
export function setLevel(meter, rms) {
  if (!meter) {
    return;
  }
  const level = Math.min(1, rms * 2.5);
  meter.setAttribute('aria-valuenow', level.toFixed(2));
  const fill = /** @type {HTMLDivElement|null} */ (meter.querySelector('.riffle-level-fill'));
  if (fill) {
    fill.style.transform = `scaleX(${level})`;
  }
}

/**
 * Drives a level meter from a playing stream (the handler's answer as a WebRTC track, which never passes through
 * play()): an AnalyserNode measures the last ~20 ms every 50 ms. Chrome feeds a remote track to Web Audio only while
 * a media element plays it (playRemote does). Returns the function that stops it (and zeroes the meter); it also
 * stops by itself once the stream's audio tracks have ended.
 * @param {HTMLElement|undefined} meter @param {MediaStream} stream
 */
export function meterStream(meter, stream) {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  context.resume().catch(() => {});
  const data = new Float32Array(analyser.fftSize);
  let timer = 0;
  const stop = () => {
    clearInterval(timer);
    if (context.state !== 'closed') {
      context.close();
    }
    setLevel(meter, 0);
  };
  timer = window.setInterval(() => {
    if (stream.getAudioTracks().every((t) => t.readyState === 'ended')) {
      stop();
      return;
    }
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (let i = 0; i < data.length; i++) {
      sum += data[i] * data[i];
    }
    setLevel(meter, Math.sqrt(sum / data.length));
  }, 50);
  return stop;
}

/**
 * Plays a remote stream in an <audio> element (made on first use) and returns the element.
 * @param {HTMLAudioElement|null} element @param {MediaStream} stream
 */
export function playRemote(element, stream) {
  const audio = element ?? new Audio();
  audio.autoplay = true;
  audio.srcObject = stream;
  audio.play().catch(() => {});
  return audio;
}

export class RiffleAudio extends HTMLElement {
  constructor() {
    super();
    /** @type {AudioPlayer|null} */
    this.player = null;
    /** @type {HTMLAudioElement|null} plays the answer when it comes as a WebRTC track */
    this.remoteAudio = null;
    /** @type {(() => void)|null} stops metering the WebRTC track */
    this.stopMeter = null;
  }

  connectedCallback() {
    if (this.meter) {
      return; // connectedCallback may run twice on first render
    }
    this.classList.add('riffle-block');
    this.meter = levelMeter('Output level');
    this.message = messageBox();
    this.append(label(this.getAttribute('label') || 'Output'), this.meter, this.message);
  }

  disconnectedCallback() {
    this.player?.context.close();
    this.player = null;
    this.stopMeter?.();
    this.stopMeter = null;
  }

  /** @param {Int16Array} samples @param {number} sampleRate @param {number} channels */
  play(samples, sampleRate, channels) {
    this.connectedCallback();
    if (!this.player) {
      this.player = new AudioPlayer(new AudioContext());
    }
    this.player.play(samples, sampleRate, channels);
    setLevel(this.meter, analyse(samples, sampleRate, channels).rms);
    this.error(null);
  }

  /** Plays the handler's answer as a WebRTC track. @param {MediaStream} stream */
  playStream(stream) {
    this.connectedCallback();
    this.remoteAudio = playRemote(this.remoteAudio, stream);
    this.stopMeter?.();
    this.stopMeter = meterStream(this.meter, stream);
  }

  /** @param {string|null} text an error to show, or null to clear it */
  error(text) {
    setMessage(/** @type {HTMLDivElement} */ (this.message), text);
  }
}

if (!customElements.get('riffle-audio')) {
  customElements.define('riffle-audio', RiffleAudio);
}
