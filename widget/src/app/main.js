// Entry point of the meeting app inside the iframe (/embed/{room}).
import './ui/app.css';
import { HostBridge } from './host/host-bridge.js';
import { MeetingView } from './ui/meeting-view.js';
import { Meeting } from './meeting.js';
import { translator } from './ui/i18n.js';
import { normaliseOptions, tokenName, tokenRole } from './host/host-options.js';
import { showPrejoin } from './ui/prejoin-view.js';
import { openLocalMedia, setCameraResolution } from './media/local-media.js';
import { buildToolbar, DevicesPanel } from './ui/toolbar.js';
import { Moderation } from './ui/moderation.js';
import { decodedVideoStreams } from './media/decoded-video.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || '';
const room = meta('mosaic-room');
const allowedOrigins = meta('mosaic-allowed-origins').split(/\s+/).filter(Boolean);
const root = /** @type {HTMLElement} */ (document.getElementById('mosaic-app'));
const bridge = new HostBridge(allowedOrigins);
const fail = (code, message) => Object.assign(new Error(message), { code });

async function run() {
  if (!bridge.embedded) {
    root.textContent = translator(navigator.language)('notEmbedded');
    return;
  }
  const options = normaliseOptions(await bridge.waitForInit());
  const locale = options.locale || navigator.language || 'en';
  const t = translator(locale);
  document.documentElement.lang = locale;
  for (const [key, value] of Object.entries(options.theme))
    document.documentElement.style.setProperty(`--mosaic-${key}`, value);

  /** @type {Meeting|null} */
  let meeting = null;
  let view = null;
  const emit = (name, detail) => bridge.emit(name, detail);
  const joined = () => {
    if (!meeting) throw fail('not_joined', 'not in the meeting yet: wait for the joined event');
    return meeting;
  };
  bridge.commandHandler = async (name, args) => {
    switch (name) {
      case 'toggleAudio':
        return joined().setTrackEnabled('audio', undefined);
      case 'toggleVideo':
        return joined().setTrackEnabled('video', undefined);
      case 'setAudio':
        return joined().setTrackEnabled('audio', !!args[0]);
      case 'setVideo':
        return joined().setTrackEnabled('video', !!args[0]);
      case 'shareScreen':
        return joined().shareScreen();
      case 'stopScreenShare':
        return joined().stopScreenShare();
      case 'setLayout':
        return setLayout(args[0]);
      case 'pin':
        return pin(args[0] ?? null);
      case 'sendChat':
        return joined().sendChat(args[0]);
      case 'raiseHand':
        return joined().raiseHand(args[0]);
      case 'leave':
        return joined().leave();
      case 'listDevices':
        return joined().listDevices();
      case 'setDevice':
        return joined().setDevice(args[0], String(args[1] ?? ''));
      case 'participants':
        return joined().roomModel.everyone();
      case 'mute':
        return joined().hostAction('mute', { target: String(args[0]), kind: mediaKind(args[1]) });
      case 'muteAll':
        return joined().hostAction('muteAll', {
          kind: mediaKind(args[0]),
          ...(typeof args[1] === 'boolean' ? { allowUnmute: args[1] } : {})
        });
      case 'allowUnmute':
        return joined().hostAction('allowUnmute', {
          kind: mediaKind(args[0]),
          allowed: args[1] !== false,
          ...(args[2] ? { target: String(args[2]) } : {})
        });
      case 'remove':
        return joined().hostAction('remove', { target: String(args[0]) });
      case 'lock':
        return joined().hostAction('lock', { locked: args[0] !== false });
      case 'admit':
        return joined().hostAction('admit', { target: String(args[0]) });
      case 'deny':
        return joined().hostAction('deny', { target: String(args[0]) });
      case 'promote':
        return joined().hostAction('promote', {
          target: String(args[0]),
          ...(args[1] === 'participant' ? { role: 'participant' } : {})
        });
      case 'end':
        return joined().hostAction('end', {});
      case 'report':
        return joined().hostAction('report', { target: String(args[0]), reason: String(args[1] ?? '').slice(0, 500) });
      default:
        throw fail('unknown_command', `unknown command '${name}'`);
    }
  };

  function mediaKind(kind) {
    return ['video', 'screen'].includes(kind) ? kind : 'audio';
  }

  function setLayout(layout) {
    if (layout !== 'gallery' && layout !== 'speaker')
      throw fail('bad_request', "layout must be 'gallery' or 'speaker'");
    joined().gallery.setLayout(layout);
    view.setToggle('layout', layout === 'speaker', t(layout === 'speaker' ? 'galleryLayout' : 'speakerLayout'));
    emit('layoutChanged', { layout, pinned: view.gallery.pinnedId });
    return layout;
  }

  function pin(id) {
    if (id !== null && !joined().gallery.tiles.has(id))
      throw fail('not_found', `no participant '${id}' in this meeting`);
    const pinned = joined().gallery.setPinned(id);
    emit('layoutChanged', { layout: view.gallery.layout, pinned });
    return pinned;
  }

  setCameraResolution(options.cameraResolution);
  // Pre-join screen, unless the host page turned it off.
  const fixedName = tokenName(options.token);
  // Viewers receive only: nobody asks them for a camera or microphone they will not use.
  const viewer = tokenRole(options.token) === 'viewer';
  let choice;
  if (options.prejoin) {
    choice = await showPrejoin(root, t, {
      name: fixedName || options.displayName,
      nameFixed: !!fixedName,
      audioOn: !options.startAudioOff,
      videoOn: !options.startVideoOff,
      askPasscode: options.passcode === true,
      viewer
    });
  } else if (viewer) {
    choice = { name: fixedName || options.displayName, stream: null, error: null };
  } else {
    const { stream, error } = await openLocalMedia();
    stream?.getAudioTracks().forEach((track) => {
      track.enabled = !options.startAudioOff;
    });
    stream?.getVideoTracks().forEach((track) => {
      track.enabled = !options.startVideoOff;
    });
    choice = { name: fixedName || options.displayName, stream, error };
  }

  view = new MeetingView(root, t, options, {
    onSendChat: (text) => {
      try {
        meeting?.sendChat(text);
      } catch (e) {
        view.setStatus(e.message, 'warning');
      }
    },
    onTileSizes: (sizes) => meeting?.onTileSizes(sizes),
    onTileActivated: (id) => pin(view.gallery.pinnedId === id ? null : id)
  });
  meeting = new Meeting({
    room,
    token: options.token,
    name: fixedName ? null : choice.name,
    localStream: choice.stream,
    view,
    t,
    emit,
    passcode: typeof options.passcode === 'string' ? options.passcode : choice.passcode || null
  });
  meeting.moderation = new Moderation({
    view,
    t,
    emit,
    send: (type, fields) => meeting.session.send(type, fields),
    room: meeting.roomModel,
    toolbar: options.toolbar
  });
  const devices = new DevicesPanel(
    t,
    () => meeting.listDevices(),
    (kind, id) => meeting.setDevice(kind, id).catch((e) => view.setStatus(e.message, 'warning'))
  );
  view.body.append(devices.el);
  buildToolbar(view, options.toolbar, t, {
    microphone: () => meeting.setTrackEnabled('audio', undefined),
    camera: () => meeting.setTrackEnabled('video', undefined),
    screen: () => (meeting.own.screenTrack ? meeting.stopScreenShare() : meeting.shareScreen()),
    hand: () => meeting.raiseHand(undefined),
    chat: () => view.buttons.chat.setAttribute('aria-expanded', String(view.chat.toggle())),
    layout: () => setLayout(view.gallery.layout === 'speaker' ? 'gallery' : 'speaker'),
    devices: () => devices.toggle(),
    leave: () => meeting.leave()
  });
  if (options.layout === 'speaker') view.setToggle('layout', true, t('galleryLayout'));
  /** What the toolbar and chat offer follows the role: viewers watch, listen, read and raise a hand. */
  const applyRole = (role) => {
    for (const key of ['microphone', 'camera', 'screen', 'devices'])
      if (view.buttons[key]) view.buttons[key].hidden = role === 'viewer';
    view.chat.setReadOnly(role === 'viewer');
    meeting.refreshToggles(); // enables what we have a device for and may turn on
  };
  meeting.onRole = applyRole;
  applyRole(viewer ? 'viewer' : 'participant');

  // Diagnostics for support and browser tests; lives inside the iframe, out of the host page's reach.
  window.mosaicDiagnostics = {
    participantId: () => meeting.self?.id || null,
    remoteVideo: () => meeting.remoteVideo(),
    /** SFU rooms: framesDecoded of every video stream the subscriber connection receives. */
    decodedVideoStreams: () => decodedVideoStreams(meeting.transport.subscriber),
    tiles: () => view.gallery.tileRects(),
    grid: () => view.gallery.geometry,
    sentEncodings: () => meeting.sentEncodings(),
    requestedVideo: () => meeting.transport.requestedVideo(),
    /** SFU rooms: the simulcast layers we send, as the publisher's statistics have them. */
    sentLayers: () => meeting.transport.sentLayers?.() ?? [],
    /** Our camera's width, height and frame rate as the browser opened it (host option cameraResolution). */
    cameraSettings: () => {
      const { width, height, frameRate } = meeting.own.stream?.getVideoTracks()[0]?.getSettings() || {};
      return { width, height, frameRate };
    },
    connectionState: () => meeting.state,
    /** The media transport in use: 'mesh' or 'sfu' (as `joined.media` said). */
    media: () => meeting.transport.kind,
    /** An auto room's move to the SFU is under way (the mesh links still play until the SFU brings everyone). */
    moving: () => !!meeting.transportMove,
    activeSpeaker: () => meeting.detector.current,
    /** Who is marked as talking now. */
    speaking: () => [...meeting.detector.speaking],
    /** The smoothed audio level per participant the speaker detection works from. */
    speakerLevels: () => Object.fromEntries(meeting.detector.levels),
    /** Drops the signaling socket as a network failure would, to exercise reconnection. */
    dropSignaling: () => meeting.session.signaling?.ws?.close(4000, 'test drop'),
    securityCode: () => meeting.e2ee?.securityCode ?? null
  };
  // Frame counters of end-to-end encryption, for browser tests only (the host page asked with testMode).
  if (new URLSearchParams(location.search).get('testMode') === '1') {
    window.mosaicDiagnostics.e2ee = () => meeting.e2eeDiagnostics();
    /** Announces a random DTLS fingerprint, as a man in the middle of the media would make the others see. */
    window.mosaicDiagnostics.announceWrongDtlsFingerprint = () =>
      meeting.e2ee?.announceDtlsFingerprint(crypto.getRandomValues(new Uint8Array(32)));
  }
  await meeting.start();
  if (choice.error) view.setStatus(t('noMedia'), 'warning');
}

run();
