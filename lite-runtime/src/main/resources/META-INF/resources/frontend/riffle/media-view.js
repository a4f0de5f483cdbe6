// @ts-check
/**
 * Parts shared by the media elements: label, message box, frame drawing, the server stream's status line and
 * orange time-limit bar, the last frame kept on stop, and the camera or microphone chooser.
 */

/**
 * The microphone as the server's handlers want it: one channel, no echo cancellation, noise suppression or gain
 * control (they would change what an echo handler sends back, and what a speech model hears).
 */
export const RAW_MICROPHONE = Object.freeze({ channelCount: 1, echoCancellation: false, noiseSuppression: false,
  autoGainControl: false });

/** A component label. @param {string} text */
export function label(text) {
  const span = document.createElement('span');
  span.className = 'riffle-label';
  span.textContent = text;
  return span;
}

/** A hidden message box that screen readers announce when it shows. */
export function messageBox() {
  const div = document.createElement('div');
  div.className = 'riffle-message';
  div.setAttribute('role', 'alert');
  div.hidden = true;
  return div;
}

/** Shows `text` in a message box, or hides it for null. @param {HTMLElement} box @param {string|null} text */
export function setMessage(box, text) {
  box.hidden = !text;
  box.textContent = text || '';
}

/** Draws a frame, resizing the canvas to it. @param {HTMLCanvasElement} canvas @param {ImageData} image */
export function drawFrame(canvas, image) {
  if (canvas.width !== image.width || canvas.height !== image.height) {
    canvas.width = image.width;
    canvas.height = image.height;
  }
  /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).putImageData(image, 0, 0);
}

/** The status line of a server stream (queue position), hidden until it has something to say. */
export function statusLine() {
  const div = document.createElement('div');
  div.className = 'riffle-status';
  div.setAttribute('aria-live', 'polite');
  div.hidden = true;
  return div;
}

/** Gradio's orange time-limit bar, hidden until a stream holds a slot. */
export function timeLimitBar() {
  const bar = document.createElement('div');
  bar.className = 'riffle-time-limit';
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-label', 'Time left');
  bar.hidden = true;
  bar.append(document.createElement('div'));
  return bar;
}

/**
 * Runs a time-limit bar down from `remaining` of `total` seconds, or hides it (null).
 * @param {HTMLElement|undefined} bar
 * @param {{total: number, remaining: number}|null} limit
 */
export function runTimeLimit(bar, limit) {
  if (!bar) {
    return;
  }
  const fill = /** @type {HTMLDivElement} */ (bar.firstElementChild);
  fill.getAnimations().forEach((a) => a.cancel());
  bar.hidden = !limit;
  if (limit) {
    const from = Math.max(0, Math.min(1, limit.remaining / limit.total));
    fill.animate([{ transform: `scaleX(${from})` }, { transform: 'scaleX(0)' }],
      { duration: Math.max(0, limit.remaining * 1000), fill: 'forwards' });
  }
}

/** A Start/Stop button. @param {() => void} onClick */
export function startButton(onClick) {
  const button = document.createElement('button');
  button.className = 'riffle-button';
  button.type = 'button';
  button.textContent = 'Start';
  button.addEventListener('click', onClick);
  return button;
}

/**
 * A message a person can act on, for each way getUserMedia fails.
 * @param {Error} e @param {'camera'|'microphone'} device
 */
export function deviceMessage(e, device) {
  const Device = device[0].toUpperCase() + device.slice(1);
  switch (e.name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return `${Device} access was denied. Allow the ${device} for this page, then press Start again.`;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return `No ${device} found. Connect a ${device}, then press Start again.`;
    case 'NotReadableError':
    case 'TrackStartError':
      return `The ${device} is in use by another application or could not be started.`;
    case 'SecurityError':
      return `The ${device} needs a secure page: open it over https or from localhost / 127.0.0.1.`;
    default:
      return `The ${device} could not be started (${e.name}: ${e.message}).`;
  }
}

/** A hidden, muted, inline <video> for a remote stream (the handler's answer over WebRTC). */
export function remoteVideo() {
  const video = document.createElement('video');
  video.className = 'riffle-video riffle-remote';
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  video.hidden = true;
  return video;
}

/**
 * Plays `stream` in `video` and shows it in place of `others`; a null stream hides it again.
 * @param {HTMLVideoElement|undefined} video @param {MediaStream|null} stream @param {(HTMLElement|undefined)[]} others
 */
export function showRemote(video, stream, others) {
  if (!video) {
    return;
  }
  video.srcObject = stream;
  video.hidden = !stream;
  if (stream) {
    others.forEach((el) => el && (el.hidden = true));
    video.play().catch(() => {});
  }
}

/**
 * Keeps the last frame of a playing remote video: draws it on `canvas`, shows the canvas in the video's place and
 * lets the video go (a closed peer connection would leave it black). Does nothing when the video is not showing.
 * @param {HTMLVideoElement|undefined} video @param {HTMLCanvasElement|undefined} canvas
 */
export function freezeRemote(video, canvas) {
  if (!video || !canvas || video.hidden || !video.srcObject) {
    return;
  }
  if (video.videoWidth > 0 && video.videoHeight > 0) {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).drawImage(video, 0, 0);
    canvas.hidden = false;
  }
  showRemote(video, null, []);
}

/**
 * A chooser of camera or microphone (Gradio's webcam has one), hidden until the page may list the devices - after
 * the first start - and there is more than one. `onChange` gets the chosen device id.
 * @param {'videoinput'|'audioinput'} kind @param {(deviceId: string) => void} onChange
 */
export function deviceChooser(kind, onChange) {
  const select = document.createElement('select');
  select.className = 'riffle-device';
  select.setAttribute('aria-label', kind === 'videoinput' ? 'Camera' : 'Microphone');
  select.hidden = true;
  select.addEventListener('change', () => onChange(select.value));
  return select;
}

/**
 * Lists the devices of the chooser's kind in it, the one `stream` uses selected; shows it when there are several.
 * @param {HTMLSelectElement|undefined} select @param {'videoinput'|'audioinput'} kind @param {MediaStream} stream
 */
export async function listDevices(select, kind, stream) {
  if (!select || !navigator.mediaDevices?.enumerateDevices) {
    return;
  }
  // Chrome adds 'default' and 'communications' entries that repeat a real device: one microphone is not a choice
  const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === kind && d.deviceId
    && d.deviceId !== 'default' && d.deviceId !== 'communications');
  const track = kind === 'videoinput' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
  const settings = track?.getSettings() ?? {};
  const current = devices.find((d) => d.deviceId === settings.deviceId)
    ?? devices.find((d) => settings.groupId && d.groupId === settings.groupId);
  select.replaceChildren(...devices.map((d, i) => {
    const option = document.createElement('option');
    option.value = d.deviceId;
    option.textContent = d.label || `${kind === 'videoinput' ? 'Camera' : 'Microphone'} ${i + 1}`;
    option.selected = d === current;
    return option;
  }));
  select.hidden = devices.length < 2;
}

/**
 * What the stream sources (<riffle-webcam>, <riffle-microphone>) share: the server stream's status line, the orange
 * time-limit bar and the error box. Subclasses create `status`, `timeBar` and `message` in connectedCallback.
 */
export class StreamSource extends HTMLElement {
  constructor() {
    super();
    /** @type {HTMLElement|undefined} */
    this.status = undefined;
    /** @type {HTMLElement|undefined} */
    this.timeBar = undefined;
    /** @type {HTMLElement|undefined} */
    this.message = undefined;
  }

  /** Shows the state of a server stream (queue position, streaming), or hides it. @param {string|null} text */
  setStatus(text) {
    if (this.status) {
      setMessage(this.status, text);
    }
  }

  /**
   * Runs the orange time-limit bar down from `remaining` of `total` seconds, or hides it (null).
   * @param {{total: number, remaining: number}|null} limit
   */
  setTimeLimit(limit) {
    runTimeLimit(this.timeBar, limit);
  }

  /** @param {string|null} text an error to show, or null to clear it */
  error(text) {
    if (this.message) {
      setMessage(this.message, text);
    }
  }
}
