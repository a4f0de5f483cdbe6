// @ts-nocheck - runs in the AudioWorkletGlobalScope
/**
 * The microphone's audio worklet: turns the first input channel into 16-bit PCM chunks of a fixed length
 * (processorOptions.chunk samples, e.g. 20 ms) and posts each one to the element (transferring its buffer).
 * Float samples map to integers as s * 32768 clamped, the inverse of how browsers decode 16-bit PCM, so a 16-bit
 * source comes through unchanged.
 */
class RiffleMicProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.size = Math.max(1, options.processorOptions.chunk | 0);
    this.buffer = new Int16Array(this.size);
    this.filled = 0;
    this.running = true;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') {
        this.running = false;
      }
    };
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      for (let i = 0; i < channel.length; i++) {
        const v = Math.round(channel[i] * 32768);
        this.buffer[this.filled++] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
        if (this.filled === this.size) {
          this.port.postMessage(this.buffer, [this.buffer.buffer]);
          this.buffer = new Int16Array(this.size);
          this.filled = 0;
        }
      }
    }
    return this.running;
  }
}

registerProcessor('riffle-mic', RiffleMicProcessor);
