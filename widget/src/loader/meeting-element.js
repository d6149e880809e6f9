// <mosaic-meeting room="…" server="…" locale="fr" layout="speaker"></mosaic-meeting>
// Set `element.token = …` from script (an attribute would show the token to anything reading the DOM).
// Events arrive as DOM CustomEvents of the same names, with the detail in `event.detail`.
import { mount } from './mount.js';
import { COMMANDS, EVENTS } from './bridge-protocol.js';

/** @param {string} defaultServer */
export function defineMeetingElement(defaultServer) {
  if (typeof customElements === 'undefined' || customElements.get('mosaic-meeting')) return;

  class MosaicMeetingElement extends HTMLElement {
    constructor() {
      super();
      this.meeting = null;
      this._token = null;
    }

    get token() {
      return this._token;
    }

    set token(value) {
      this._token = value;
      this.start();
    }

    connectedCallback() {
      if (!this.style.display) this.style.display = 'block';
      this.start();
    }

    disconnectedCallback() {
      this.meeting?.destroy();
      this.meeting = null;
    }

    start() {
      const token = this._token || this.getAttribute('token');
      if (this.meeting || !this.isConnected || !token || !this.getAttribute('room')) return;
      const attr = (name) => this.getAttribute(name) ?? undefined;
      this.meeting = mount(this, {
        server: attr('server') || defaultServer,
        room: attr('room'),
        token,
        displayName: attr('display-name'),
        locale: attr('locale'),
        // Attributes are any text: the meeting app keeps only known layouts and buttons (host-options.js).
        layout: /** @type {import('../../types/mosaic').Layout} */ (attr('layout')),
        toolbar: /** @type {import('../../types/mosaic').ToolbarButton[]} */ (
          attr('toolbar')
            ?.split(/[\s,]+/)
            .filter(Boolean)
        ),
        startAudioOff: this.hasAttribute('start-audio-off'),
        startVideoOff: this.hasAttribute('start-video-off'),
        prejoin: attr('prejoin') !== 'false',
        maxTiles: attr('max-tiles') ? Number(attr('max-tiles')) : undefined,
        cameraResolution: /** @type {'480p'|'720p'|undefined} */ (attr('camera-resolution'))
      });
      for (const name of EVENTS)
        this.meeting.on(name, (detail) => this.dispatchEvent(new CustomEvent(name, { detail })));
    }
  }
  // `remove` would hide the DOM's element.remove(), so on the element that command is `removeParticipant`.
  for (const name of COMMANDS) {
    MosaicMeetingElement.prototype[name === 'remove' ? 'removeParticipant' : name] = function command(...args) {
      if (!this.meeting)
        return Promise.reject(
          Object.assign(new Error('mosaic-meeting: set room and token first'), { code: 'not_mounted' })
        );
      return this.meeting[name](...args);
    };
  }
  customElements.define('mosaic-meeting', MosaicMeetingElement);
}
