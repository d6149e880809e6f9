// Host-page loader: `<script src=".../mosaic/mosaic.js">` defines window.Mosaic and <mosaic-meeting>.
import { mount } from './mount.js';
import { defineMeetingElement } from './meeting-element.js';

// The loader's own origin is the default Mosaic server, so `server` may be omitted.
const script = /** @type {HTMLScriptElement|null} */ (document.currentScript);
const defaultServer = script && script.src ? new URL(script.src).origin : location.origin;

window.Mosaic = {
  mount: (target, options) => mount(target, { server: defaultServer, ...options }),
  version: MOSAIC_VERSION
};
defineMeetingElement(defaultServer);
