// The participant's own camera and microphone.

/**
 * Asks for camera and microphone; falls back to whichever one works, then to none.
 * @returns {Promise<{stream: MediaStream|null, error: Error|null}>}
 */
export async function openLocalMedia() {
  const video = { width: { ideal: 640 }, height: { ideal: 480 } };
  const attempts = [{ audio: true, video }, { audio: false, video }, { audio: true, video: false }];
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

/** @param {MediaStream|null} stream */
export function mediaState(stream, hand = false) {
  const on = (kind) => !!stream && stream.getTracks().some((t) => t.kind === kind && t.enabled && t.readyState === 'live');
  return { audio: on('audio'), video: on('video'), screen: false, hand };
}
