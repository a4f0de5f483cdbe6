// @ts-check
/**
 * <riffle-microphone>: a microphone input that streams, Gradio's Audio(sources=["microphone"]) with a stream event
 * (or FastRTC's audio WebRTC component in send-receive mode).
 *
 * On Start it opens the microphone (echo cancellation, noise suppression and gain control off, so levels stay
 * exact), cuts the sound into 16-bit mono chunks of `stream-every` seconds (default 0.02: FastRTC's 20 ms) at
 * `sample-rate` Hz (default 48000) in an audio worklet, and passes each to `onchunk(samples, sampleRate, seq)`.
 * With the `unified` attribute it also plays what play() is given (the handler's answer).
 *
 * Attributes: label, stream-every, sample-rate, unified, autostart. With more than one microphone, a chooser shows
 * after the first start.
 * Events: 'stream-started', 'stream-stopped', 'stream-error' (detail.message).
 */
import { AudioPlayer, analyse, levelMeter, meterStream, pcmChunks, playRemote, setLevel } from './riffle-audio.js';
import { RAW_MICROPHONE, StreamSource, deviceChooser, deviceMessage, label, listDevices, messageBox, startButton,
  statusLine, timeLimitBar } from './media-view.js';
import { SourceEvent } from './stream-events.js';

export class RiffleMicrophone extends StreamSource {
  constructor() {
    super();
    /** @type {((samples: Int16Array, sampleRate: number, seq: number) => void) | null} */
    this.onchunk = null;
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {AudioContext | null} */
    this.context = null;
    /** @type {AudioWorkletNode | null} */
    this.worklet = null;
    /** @type {AudioPlayer | null} */
    this.player = null;
    /** @type {HTMLAudioElement | null} plays the answer when it comes as a WebRTC track */
    this.remoteAudio = null;
    /** @type {(() => void) | null} stops metering the answer's WebRTC track */
    this.stopMeter = null;
    this.seq = 0;
    this.running = false;
    /** timings of the last start, ms since navigation */
    this.timing = { microphoneRequested: 0, microphoneReady: 0 };
    /** the microphone chosen in the chooser, '' for the browser's default */
    this.deviceId = '';
  }

  connectedCallback() {
    if (this.button) {
      return; // connectedCallback may run twice on first render
    }
    this.classList.add('riffle-block');
    // unified: the meter shows the handler's answer; else the microphone's own level
    this.meter = levelMeter(this.unified ? 'Answer level' : 'Microphone level');
    this.message = messageBox();
    this.status = statusLine();
    this.timeBar = timeLimitBar();
    this.button = startButton(() => (this.running ? this.stop() : this.start()));
    /** which microphone, when there are several */
    this.devices = deviceChooser('audioinput', (id) => {
      this.deviceId = id;
      if (this.running) {
        this.stop();
        this.start();
      }
    });
    this.append(label(this.getAttribute('label') || 'Microphone'), this.devices, this.meter, this.timeBar,
      this.status, this.message, this.button);
    if (this.hasAttribute('autostart')) {
      this.start();
    }
  }

  disconnectedCallback() {
    this.stop();
  }

  get streamEvery() {
    const value = Number(this.getAttribute('stream-every') ?? '0.02');
    return Number.isFinite(value) && value > 0 ? value : 0.02;
  }

  get sampleRate() {
    const value = Number(this.getAttribute('sample-rate') ?? '48000');
    return Number.isFinite(value) && value >= 8000 && value <= 96000 ? value : 48000;
  }

  get unified() {
    return this.hasAttribute('unified');
  }

  /** Opens the microphone and starts passing chunks to onchunk. */
  async start() {
    if (this.running) {
      return;
    }
    this.running = true;
    this.error(null);
    /** @type {HTMLButtonElement} */ (this.button).textContent = 'Stop';
    try {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        throw Object.assign(new Error('insecure'), { name: 'SecurityError' });
      }
      this.timing.microphoneRequested = performance.now();
      const audio = this.deviceId ? { ...RAW_MICROPHONE, deviceId: { exact: this.deviceId } } : RAW_MICROPHONE;
      const stream = await navigator.mediaDevices.getUserMedia({ video: false, audio });
      if (!this.running) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      this.stream = stream;
      const context = new AudioContext({ sampleRate: this.sampleRate, latencyHint: 'interactive' });
      this.context = context;
      this.worklet = await pcmChunks(context, stream, Math.round(context.sampleRate * this.streamEvery),
        (samples) => this.chunk(samples), () => this.running);
      if (!this.worklet) {
        return;
      }
      this.player = new AudioPlayer(context);
      await context.resume();
      this.timing.microphoneReady = performance.now();
      listDevices(this.devices, 'audioinput', stream).catch(() => {});
    } catch (e) {
      this.stop();
      this.error(deviceMessage(/** @type {Error} */ (e), 'microphone'));
      this.dispatchEvent(new CustomEvent(SourceEvent.ERROR, { detail: { message: this.message?.textContent } }));
      return;
    }
    this.dispatchEvent(new CustomEvent(SourceEvent.STARTED));
  }

  /** @param {Int16Array} samples */
  chunk(samples) {
    if (!this.running || !this.context) {
      return;
    }
    this.seq++;
    if (!this.unified) {
      setLevel(this.meter, analyse(samples, this.context.sampleRate).rms);
    }
    try {
      this.onchunk?.(samples, this.context.sampleRate, this.seq);
    } catch (e) {
      this.error(String(/** @type {Error} */ (e).message || e));
    }
  }

  /**
   * Plays the handler's answer (unified mode).
   * @param {Int16Array} samples @param {number} sampleRate @param {number} channels
   */
  play(samples, sampleRate, channels) {
    if (!this.player) {
      return;
    }
    this.player.play(samples, sampleRate, channels);
    setLevel(this.meter, analyse(samples, sampleRate, channels).rms);
  }

  /** Plays the handler's answer as a WebRTC track. @param {MediaStream} stream */
  playStream(stream) {
    this.remoteAudio = playRemote(this.remoteAudio, stream);
    this.stopMeter?.();
    this.stopMeter = meterStream(this.meter, stream);
  }

  /** Stops streaming and releases the microphone and the audio context. */
  stop() {
    const wasRunning = this.running;
    this.running = false;
    this.worklet?.port.postMessage('stop');
    this.worklet?.disconnect();
    this.worklet = null;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.context?.close();
    this.context = null;
    if (this.remoteAudio) {
      this.remoteAudio.srcObject = null;
    }
    this.stopMeter?.();
    this.stopMeter = null;
    this.player = null;
    setLevel(this.meter, 0);
    if (this.button) {
      this.button.textContent = 'Start';
    }
    this.setStatus(null);
    this.setTimeLimit(null);
    if (wasRunning) {
      this.dispatchEvent(new CustomEvent(SourceEvent.STOPPED));
    }
  }

}

if (!customElements.get('riffle-microphone')) {
  customElements.define('riffle-microphone', RiffleMicrophone);
}
