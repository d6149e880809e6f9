// The toolbar: the buttons the host page asked for, in its order, each wired to a meeting action.
import { el } from './dom.js';

/**
 * @param {import('./meeting-view.js').MeetingView} view
 * @param {string[]} buttons names from host-options TOOLBAR_BUTTONS
 * @param {Translate} t
 * @param {Record<string, () => any>} actions one per button name
 */
export function buildToolbar(view, buttons, t, actions) {
  const labels = {
    microphone: t('mute'),
    camera: t('stopVideo'),
    screen: t('shareScreen'),
    hand: t('raiseHand'),
    chat: t('chat'),
    layout: t('speakerLayout'),
    devices: t('devices'),
    leave: t('leave')
  };
  for (const name of buttons) {
    if (!actions[name]) continue; // host controls are added by moderation.js, for hosts only
    view.addButton(name, labels[name], () => {
      Promise.resolve()
        .then(actions[name])
        .catch((e) => view.setStatus(e.message, 'warning'));
    });
  }
  if (view.buttons.chat) {
    view.buttons.chat.setAttribute('aria-expanded', 'false');
    view.chat.onUnread = (n) => {
      const label = n ? t('chatUnread', { count: n }) : t('chat');
      view.buttons.chat.textContent = label;
      view.buttons.chat.setAttribute('aria-label', label);
    };
  }
}

/**
 * The toggle buttons as our own media and the room model say: pressed state and label, and disabled
 * while off and not ours to turn on (no device, no screen sharing in this browser, or a host keeps it
 * off), in which case the button says why.
 * @param {import('./meeting-view.js').MeetingView} view
 * @param {Translate} t
 * @param {{own: import('../media/own-media.js').OwnMedia, room: import('../room/room-model.js').RoomModel}} o
 */
export function refreshToggles(view, t, { own, room }) {
  const audio = own.enabled('audio'),
    video = own.enabled('video');
  const screen = !!own.screenTrack,
    hand = own.hand;
  view.setToggle('microphone', !audio, t(audio ? 'mute' : 'unmute'));
  view.setToggle('camera', !video, t(video ? 'stopVideo' : 'startVideo'));
  view.setToggle('screen', screen, t(screen ? 'stopShare' : 'shareScreen'));
  for (const [key, kind, on] of /** @type {[string, string, boolean][]} */ ([
    ['microphone', 'audio', audio],
    ['camera', 'video', video],
    ['screen', 'screen', screen]
  ])) {
    const button = view.buttons[key];
    if (!button) continue;
    const noDevice =
      kind === 'screen'
        ? !('getDisplayMedia' in (navigator.mediaDevices || {}))
        : !own.stream?.getTracks().some((track) => track.kind === kind);
    const locked = !on && !room.mayTurnOn(kind);
    button.disabled = noDevice || locked;
    if (locked) button.title = t('unmuteLockedError');
  }
  view.setToggle('hand', hand, t(hand ? 'lowerHand' : 'raiseHand'));
}

/** The devices dialog: pick a microphone and a camera mid-call. */
export class DevicesPanel {
  /** @param {(key: string) => string} t @param {() => Promise<any[]>} list @param {(kind: string, id: string) => Promise<void>} choose */
  constructor(t, list, choose) {
    this.list = list;
    this.cam = el('select', { className: 'mosaic-input' });
    this.mic = el('select', { className: 'mosaic-input' });
    const close = el('button', { type: 'button', className: 'mosaic-button', textContent: t('close') });
    const field = (label, input) =>
      el('label', { className: 'mosaic-field' }, [el('span', { textContent: label }), input]);
    this.el = el('div', { className: 'mosaic-devices-panel', role: 'dialog', ariaLabel: t('devices'), hidden: true }, [
      field(t('camera'), this.cam),
      field(t('microphone'), this.mic),
      close
    ]);
    this.cam.addEventListener('change', () => choose('videoinput', this.cam.value));
    this.mic.addEventListener('change', () => choose('audioinput', this.mic.value));
    close.addEventListener('click', () => this.toggle(false));
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toggle(false);
    });
  }

  async toggle(open = this.el.hidden) {
    this.el.hidden = !open;
    if (!open) return;
    const devices = await this.list();
    for (const [select, kind] of /** @type {[HTMLSelectElement, string][]} */ ([
      [this.cam, 'videoinput'],
      [this.mic, 'audioinput']
    ])) {
      select.replaceChildren(
        ...devices
          .filter((d) => d.kind === kind)
          .map((d) => el('option', { value: d.deviceId, textContent: d.label, selected: d.selected }))
      );
    }
    this.cam.focus();
  }
}
