// An init script for the Vaadin benchmark (VaadinBenchmark): the page's camera becomes a 640x480 canvas at 30 fps
// whose frames carry their number in black and white blocks (and its complement, as a check) in the top 64 rows,
// and every frame a <riffle-image> output shows - drawn from ImageData (Lite, WebSocket) or presented by its WebRTC
// <video> - is read back and timed against the moment its camera frame was drawn. The handler flips frames upside
// down, so the tag is read from the bottom rows. Figures are in window.riffleBench.
(() => {
  const W = 640, H = 480, FPS = 30, BITS = 16, BW = W / BITS, BH = 32;
  const bench = window.riffleBench = {
    /** tag -> performance.now() when the camera drew it */
    sent: new Map(),
    latencies: [],
    /** performance.now() (ms since navigation started) of the first output frame, the Start click, the camera */
    firstOutputAt: 0,
    startClickedAt: 0,
    cameraOpenedAt: 0,
    outputs: 0,
    unreadable: 0,
    seen: new Set(),
    reset() {
      this.latencies = [];
      this.outputs = 0;
      this.unreadable = 0;
      this.since = performance.now();
    },
  };

  function camera() {
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const c = canvas.getContext('2d');
    const stream = canvas.captureStream(0);
    const track = stream.getVideoTracks()[0];
    let n = 0;
    const timer = setInterval(() => {
      const tag = ++n & 0xffff;
      const t = n / FPS;
      c.fillStyle = `hsl(${(t * 40) % 360} 60% 45%)`;
      c.fillRect(0, 0, W, H);
      c.fillStyle = '#fff';
      c.fillRect((t * 120) % W, 200, 80, 80);
      for (let b = 0; b < BITS; b++) {
        const bit = (tag >> (BITS - 1 - b)) & 1;
        c.fillStyle = bit ? '#fff' : '#000';
        c.fillRect(b * BW, 0, BW, BH);
        c.fillStyle = bit ? '#000' : '#fff';
        c.fillRect(b * BW, BH, BW, BH);
      }
      bench.sent.set(tag, performance.now());
      if (bench.sent.size > 600) {
        bench.sent.delete(bench.sent.keys().next().value);
      }
      track.requestFrame();
    }, 1000 / FPS);
    track.addEventListener('ended', () => clearInterval(timer));
    const stop = track.stop.bind(track);
    track.stop = () => {
      clearInterval(timer);
      stop();
    };
    return stream;
  }

  navigator.mediaDevices.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.video || constraints.audio) {
      throw new DOMException('the benchmark camera has no microphone', 'NotFoundError');
    }
    bench.cameraOpenedAt = bench.cameraOpenedAt || performance.now();
    return camera();
  };

  /** Records an output frame: `green(x, y)` reads the green channel at (x, y) of a 640x480 flipped frame. */
  function record(green, now) {
    bench.outputs++;
    let n = 0, check = 0;
    for (let b = 0; b < BITS; b++) {
      const x = Math.floor(b * BW + BW / 2);
      n = (n << 1) | (green(x, H - BH / 2) > 128 ? 1 : 0);
      check = (check << 1) | (green(x, H - BH - BH / 2) > 128 ? 1 : 0);
    }
    const sentAt = bench.sent.get(n);
    if ((n ^ check) !== 0xffff || sentAt === undefined) {
      bench.unreadable++;
      return;
    }
    if (bench.seen.has(n)) {
      return; // the same camera frame again (a repeated WebRTC frame)
    }
    bench.seen.add(n);
    if (bench.seen.size > 600) {
      bench.seen.delete(bench.seen.values().next().value);
    }
    bench.firstOutputAt = bench.firstOutputAt || now;
    bench.latencies.push(now - sentAt);
  }

  customElements.whenDefined('riffle-image').then(() => {
    const proto = customElements.get('riffle-image').prototype;
    const show = proto.show;
    proto.show = function (image) {
      show.call(this, image);
      const sx = image.width / W, sy = image.height / H;
      record((x, y) => image.data[(Math.floor(y * sy) * image.width + Math.floor(x * sx)) * 4 + 1],
        performance.now());
    };
    const showStream = proto.showStream;
    proto.showStream = function (stream) {
      showStream.call(this, stream);
      const video = this.remote;
      const strip = new OffscreenCanvas(W, 2 * BH).getContext('2d', { willReadFrequently: true });
      const onFrame = (now) => {
        if (!video.srcObject) {
          return;
        }
        const vw = video.videoWidth, vh = video.videoHeight;
        // the bottom 64 rows (of 480), scaled to 640x64 whatever size arrives
        strip.drawImage(video, 0, vh - vh * 2 * BH / H, vw, vh * 2 * BH / H, 0, 0, W, 2 * BH);
        const px = strip.getImageData(0, 0, W, 2 * BH).data;
        record((x, y) => px[((y - (H - 2 * BH)) * W + x) * 4 + 1], now);
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
  });
})();
