// Entry point of the meeting app inside the iframe (/embed/{room}).
import './app.css';
import { HostBridge } from './host-bridge.js';
import { MeetingView } from './meeting-view.js';
import { Meeting } from './meeting.js';
import { translator } from './i18n.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || '';
const room = meta('mosaic-room');
const allowedOrigins = meta('mosaic-allowed-origins').split(/\s+/).filter(Boolean);
const root = /** @type {HTMLElement} */ (document.getElementById('mosaic-app'));
const bridge = new HostBridge(allowedOrigins);

async function run() {
  if (!bridge.embedded) {
    root.textContent = translator(navigator.language)('notEmbedded');
    return;
  }
  const options = await bridge.waitForInit();
  const t = translator(options.locale || navigator.language);
  document.documentElement.lang = options.locale || navigator.language || 'en';
  const view = new MeetingView(root, t);
  const meeting = new Meeting({ room, token: options.token, view, t, emit: (name, detail) => bridge.emit(name, detail) });
  bridge.commandHandler = async (name) => {
    switch (name) {
      case 'toggleAudio': return meeting.toggleAudio();
      case 'toggleVideo': return meeting.toggleVideo();
      case 'leave': return meeting.leave();
      default: throw Object.assign(new Error(`unknown command '${name}'`), { code: 'unknown_command' });
    }
  };
  // Diagnostics for support and browser tests; lives inside the iframe, out of the host page's reach.
  window.mosaicDiagnostics = {
    participantId: () => meeting.self?.id || null,
    remoteVideo: () => meeting.remoteVideo(),
  };
  await meeting.start();
}

run();
