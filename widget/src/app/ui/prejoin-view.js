// Before joining: camera preview, microphone and camera choice, name, and the Join button.
import { el } from './dom.js';
import { listDevices, openLocalMedia } from '../media/local-media.js';

/**
 * Shows the pre-join screen in `root` and resolves once the user presses Join.
 * @param {HTMLElement} root
 * @param {Translate} t
 * @param {{name: string, nameFixed: boolean, audioOn: boolean, videoOn: boolean, askPasscode?: boolean, viewer?: boolean}} initial
 *   viewer: no preview and no device choice, as a viewer sends nothing
 * @returns {Promise<{name: string, stream: MediaStream|null, error: Error|null, audioOn: boolean, videoOn: boolean, passcode: string|null}>}
 */
export async function showPrejoin(root, t, initial) {
  if (initial.viewer) return showViewerPrejoin(root, t, initial);
  let { stream, error } = await openLocalMedia();
  let audioOn = initial.audioOn,
    videoOn = initial.videoOn;
  const video = el('video', {
    className: 'mosaic-preview',
    autoplay: true,
    playsInline: true,
    muted: true,
    ariaLabel: t('preview')
  });
  const name = el('input', {
    className: 'mosaic-input',
    value: initial.name,
    maxLength: 64,
    required: true,
    autocomplete: 'name',
    readOnly: initial.nameFixed,
    id: 'mosaic-name'
  });
  const camSelect = el('select', { className: 'mosaic-input', id: 'mosaic-camera-select' });
  const micSelect = el('select', { className: 'mosaic-input', id: 'mosaic-mic-select' });
  const micToggle = el('button', { type: 'button', className: 'mosaic-button mosaic-prejoin-mic' });
  const camToggle = el('button', { type: 'button', className: 'mosaic-button mosaic-prejoin-camera' });
  const join = el('button', { type: 'submit', className: 'mosaic-button mosaic-join', textContent: t('join') });
  const passcode = el('input', {
    className: 'mosaic-input mosaic-prejoin-passcode',
    type: 'password',
    maxLength: 64,
    autocomplete: 'off',
    id: 'mosaic-passcode'
  });
  const message = el('p', { className: 'mosaic-prejoin-message', role: 'alert' });
  const field = (label, input) =>
    el('label', { className: 'mosaic-field' }, [el('span', { textContent: label }), input]);
  const form = el('form', { className: 'mosaic-prejoin', ariaLabel: t('prejoinTitle') }, [
    el('h1', { className: 'mosaic-prejoin-title', textContent: t('prejoinTitle') }),
    video,
    el('div', { className: 'mosaic-prejoin-toggles' }, [micToggle, camToggle]),
    field(t('yourName'), name),
    ...(initial.askPasscode ? [field(t('passcode'), passcode)] : []),
    field(t('camera'), camSelect),
    field(t('microphone'), micSelect),
    message,
    join
  ]);
  root.replaceChildren(form);

  const apply = () => {
    stream?.getAudioTracks().forEach((track) => {
      track.enabled = audioOn;
    });
    stream?.getVideoTracks().forEach((track) => {
      track.enabled = videoOn;
    });
    const hasAudio = !!stream?.getAudioTracks().length,
      hasVideo = !!stream?.getVideoTracks().length;
    label(micToggle, hasAudio && !audioOn, t(audioOn ? 'mute' : 'unmute'), !hasAudio);
    label(camToggle, hasVideo && !videoOn, t(videoOn ? 'stopVideo' : 'startVideo'), !hasVideo);
    video.srcObject = stream;
    message.textContent = error ? t('noMedia') : '';
  };
  const fillDevices = async () => {
    const devices = await listDevices(stream).catch(() => []);
    for (const [select, kind] of /** @type {[HTMLSelectElement, string][]} */ ([
      [camSelect, 'videoinput'],
      [micSelect, 'audioinput']
    ])) {
      select.replaceChildren(
        ...devices
          .filter((d) => d.kind === kind)
          .map((d) => el('option', { value: d.deviceId, textContent: d.label, selected: d.selected }))
      );
      select.disabled = select.options.length === 0;
    }
  };
  const reopen = async () => {
    stream?.getTracks().forEach((track) => track.stop());
    ({ stream, error } = await openLocalMedia({
      audioDeviceId: micSelect.value || undefined,
      videoDeviceId: camSelect.value || undefined
    }));
    apply();
  };
  micToggle.addEventListener('click', () => {
    audioOn = !audioOn;
    apply();
  });
  camToggle.addEventListener('click', () => {
    videoOn = !videoOn;
    apply();
  });
  camSelect.addEventListener('change', reopen);
  micSelect.addEventListener('change', reopen);
  apply();
  await fillDevices();

  return new Promise((resolve) => {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!name.value.trim()) {
        name.focus();
        return;
      }
      form.remove();
      resolve({
        name: name.value.trim(),
        stream,
        error,
        audioOn,
        videoOn,
        passcode: initial.askPasscode && passcode.value ? passcode.value : null
      });
    });
    join.focus();
  });
}

/** A viewer's pre-join screen: what joining as a viewer means, the name and the passcode. */
function showViewerPrejoin(root, t, initial) {
  const name = el('input', {
    className: 'mosaic-input',
    value: initial.name,
    maxLength: 64,
    required: true,
    autocomplete: 'name',
    readOnly: initial.nameFixed,
    id: 'mosaic-name'
  });
  const passcode = el('input', {
    className: 'mosaic-input mosaic-prejoin-passcode',
    type: 'password',
    maxLength: 64,
    autocomplete: 'off',
    id: 'mosaic-passcode'
  });
  const join = el('button', { type: 'submit', className: 'mosaic-button mosaic-join', textContent: t('join') });
  const field = (label, input) =>
    el('label', { className: 'mosaic-field' }, [el('span', { textContent: label }), input]);
  const form = el('form', { className: 'mosaic-prejoin mosaic-prejoin-viewer', ariaLabel: t('prejoinTitle') }, [
    el('h1', { className: 'mosaic-prejoin-title', textContent: t('prejoinTitle') }),
    el('p', { className: 'mosaic-prejoin-notice', textContent: t('viewerNotice') }),
    field(t('yourName'), name),
    ...(initial.askPasscode ? [field(t('passcode'), passcode)] : []),
    join
  ]);
  root.replaceChildren(form);
  return new Promise((resolve) => {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!name.value.trim()) {
        name.focus();
        return;
      }
      form.remove();
      resolve({
        name: name.value.trim(),
        stream: null,
        error: null,
        audioOn: false,
        videoOn: false,
        passcode: initial.askPasscode && passcode.value ? passcode.value : null
      });
    });
    join.focus();
  });
}

function label(button, pressed, text, disabled) {
  button.textContent = text;
  button.setAttribute('aria-label', text);
  button.setAttribute('aria-pressed', String(pressed));
  button.disabled = disabled;
}
