// Badge icons as inline SVG: emoji depend on the viewer's fonts and show as empty boxes without them.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PATHS = {
  // A microphone with a slash through it.
  micOff:
    'M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 5.1 2.1M15 10V6a3 3 0 0 0-5.8-1.1M6 11a6 6 0 0 0 9.5 4.9M18 11a6 6 0 0 1-.6 2.6M12 17v4M3 3l18 18',
  // An open hand.
  hand: 'M8 13V5.5a1.5 1.5 0 0 1 3 0V12M11 11V4a1.5 1.5 0 0 1 3 0v7M14 11V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7 6 6 0 0 1-5-3l-2.5-4.5a1.5 1.5 0 0 1 2.6-1.5L8 15',
  // A pin.
  pin: 'M9 4h6l-1 6 3 3H7l3-3-1-6M12 13v8'
};

/** @param {keyof typeof PATHS} name */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `mosaic-icon mosaic-icon-${name}`);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}
