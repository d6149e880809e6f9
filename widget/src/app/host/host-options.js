// Host-page options, checked: the host page is another origin, so nothing it sends is trusted blindly
// (a theme colour could otherwise smuggle arbitrary CSS into the meeting).
import { clampVisible, DEFAULT_MAX_VISIBLE } from '../ui/gallery/grid-layout.js';

/** The last three show for hosts only (moderation.js). */
export const TOOLBAR_BUTTONS = [
  'microphone',
  'camera',
  'screen',
  'hand',
  'chat',
  'layout',
  'devices',
  'leave',
  'muteAll',
  'lock',
  'endAll'
];
const THEME_KEYS = ['accent', 'background', 'tile', 'text', 'danger'];
const COLOUR = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]+\)|[a-z]{3,20})$/i;

/**
 * @param {any} raw options from the host page's init message
 * @returns {{token: string, displayName: string, locale: string|null, layout: 'gallery'|'speaker',
 *   theme: Record<string,string>, toolbar: string[], startAudioOff: boolean, startVideoOff: boolean,
 *   maxTiles: number, prejoin: boolean, passcode: string|boolean, cameraResolution: '480p'|'720p'}}
 */
export function normaliseOptions(raw) {
  const o = raw && typeof raw === 'object' ? raw : {};
  /** @type {Record<string, string>} */
  const theme = {};
  for (const key of THEME_KEYS) {
    const value = o.theme?.[key];
    if (typeof value === 'string' && COLOUR.test(value.trim())) theme[key] = value.trim();
  }
  const toolbar = Array.isArray(o.toolbar)
    ? o.toolbar.filter((b, i, all) => TOOLBAR_BUTTONS.includes(b) && all.indexOf(b) === i)
    : TOOLBAR_BUTTONS;
  return {
    token: typeof o.token === 'string' ? o.token : '',
    displayName: typeof o.displayName === 'string' ? o.displayName.trim().slice(0, 64) : '',
    locale: typeof o.locale === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(o.locale) ? o.locale : null,
    layout: o.layout === 'speaker' ? 'speaker' : 'gallery',
    theme,
    toolbar,
    startAudioOff: o.startAudioOff === true,
    startVideoOff: o.startVideoOff === true,
    maxTiles: o.maxTiles === undefined ? DEFAULT_MAX_VISIBLE : clampVisible(o.maxTiles),
    prejoin: o.prejoin !== false,
    // A string is the room's passcode, sent with the join; true asks for it on the pre-join screen.
    passcode: typeof o.passcode === 'string' && o.passcode.length <= 64 ? o.passcode : o.passcode === true,
    cameraResolution: o.cameraResolution === '720p' ? '720p' : '480p'
  };
}

/** A join token's claims, read without verifying (the server verifies); {} when unreadable. */
function tokenClaims(token) {
  try {
    const payload = JSON.parse(
      decodeURIComponent(escape(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))))
    );
    return payload && typeof payload === 'object' ? payload : {};
  } catch {
    return {};
  }
}

/** The display name a join token carries, if any. */
export function tokenName(token) {
  const { name } = tokenClaims(token);
  return typeof name === 'string' ? name : '';
}

/**
 * The role a join token carries: 'host', 'participant' or 'viewer'. Only shapes the screen before
 * joining (a viewer is not asked for camera and microphone); the server decides what each role may do.
 */
export function tokenRole(token) {
  const { role } = tokenClaims(token);
  return role === 'host' || role === 'viewer' ? role : 'participant';
}
