// The participant's own camera, microphone and screen.

/**
 * Camera sizes a host page may ask for (host option `cameraResolution`). 480p keeps a mesh cheap (each
 * peer gets its own encoding); 720p gives an SFU room's stage and pinned tiles a sharper picture, and
 * is the size at which the three simulcast layers (180, 360, 720 lines) all exist.
 */
export const CAMERA_SIZES = Object.freeze({
  '480p': Object.freeze({ width: { ideal: 640 }, height: { ideal: 480 } }),
  '720p': Object.freeze({ width: { ideal: 1280 }, height: { ideal: 720 } })
});
/** One meeting per page (the iframe): set once from the host options, read by every camera opening. */
let VIDEO = CAMERA_SIZES['480p'];

/** @param {'480p'|'720p'} resolution */
export function setCameraResolution(resolution) {
  VIDEO = CAMERA_SIZES[resolution] || CAMERA_SIZES['480p'];
}

/**
 * Asks for camera and microphone (the chosen devices when given); falls back to whichever one works,
 * then to none, so a broken camera never keeps anyone out of a meeting.
 * @param {{audioDeviceId?: string, videoDeviceId?: string}} [choice]
 * @returns {Promise<{stream: MediaStream|null, error: Error|null}>}
 */
export async function openLocalMedia(choice = {}) {
  const audio = choice.audioDeviceId ? { deviceId: { exact: choice.audioDeviceId } } : true;
  const video = choice.videoDeviceId ? { ...VIDEO, deviceId: { exact: choice.videoDeviceId } } : VIDEO;
  const attempts = [
    { audio, video },
    { audio: false, video },
    { audio, video: false }
  ];
  let lastError = null;
  for (const constraints of attempts) {
    try {
      return { stream: await navigator.mediaDevices.getUserMedia(constraints), error: null };
    } catch (e) {
      lastError = e;
    }
  }
  return { stream: null, error: lastError };
}

/** Opens one device of a kind; resolves with its track. @param {'audioinput'|'videoinput'} kind */
export async function openDevice(kind, deviceId) {
  const constraints =
    kind === 'audioinput'
      ? { audio: { deviceId: { exact: deviceId } } }
      : { video: { ...VIDEO, deviceId: { exact: deviceId } } };
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  return stream.getTracks()[0];
}

/** Microphones and cameras, marking the ones `stream` uses. */
export async function listDevices(stream) {
  const inUse = new Set((stream?.getTracks() || []).map((t) => t.getSettings().deviceId));
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'audioinput' || d.kind === 'videoinput')
    .map((d, i) => ({
      kind: d.kind,
      deviceId: d.deviceId,
      label: d.label || `${d.kind} ${i + 1}`,
      selected: inUse.has(d.deviceId)
    }));
}

/** Asks the user for a screen or window; resolves with its video track. */
export async function openScreen() {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  return stream.getVideoTracks()[0];
}

/**
 * What others are told about our media.
 * @param {MediaStream|null} stream
 * @param {{hand?: boolean, screen?: boolean}} [extra]
 */
export function mediaState(stream, { hand = false, screen = false } = {}) {
  const on = (kind) =>
    !!stream && stream.getTracks().some((t) => t.kind === kind && t.enabled && t.readyState === 'live');
  return { audio: on('audio'), video: screen || on('video'), screen, hand };
}
