// Shape of the messages between the host page's loader and the meeting app in the iframe.
// Every message is an object with `mosaic: 1` so unrelated postMessage traffic is ignored.
// loader → app: {kind:'init', options} once, then {kind:'command', id, name, args}
// app → loader: {kind:'ready'} on load, {kind:'reply', id, result|error}, {kind:'event', name, detail}

/** Protocol marker and version of the host bridge. */
export const BRIDGE = 1;

/** Commands the app understands; the loader exposes one method per name. */
export const COMMANDS = [
  'toggleAudio',
  'toggleVideo',
  'setAudio',
  'setVideo',
  'shareScreen',
  'stopScreenShare',
  'setLayout',
  'pin',
  'sendChat',
  'raiseHand',
  'leave',
  'listDevices',
  'setDevice',
  'participants',
  'mute',
  'muteAll',
  'allowUnmute',
  'remove',
  'lock',
  'admit',
  'deny',
  'promote',
  'end',
  'report'
];

/**
 * Events the app sends; listed for documentation and the custom element. Each must be a name the public
 * types (types/mosaic.d.ts) declare: the type checker holds the two together.
 * @type {(keyof import('../../types/mosaic').MeetingEvents)[]}
 */
export const EVENTS = [
  'connectionState',
  'peerConnectionState',
  'joined',
  'participantJoined',
  'participantLeft',
  'participantUpdated',
  'activeSpeaker',
  'speaking',
  'chat',
  'handRaised',
  'layoutChanged',
  'e2ee',
  'error',
  'left',
  'waiting',
  'participantWaiting',
  'participantWaitingLeft',
  'muted',
  'unmuteAllowed',
  'roomUpdated',
  'mediaMoved',
  'reported'
];

/** @param {unknown} data */
export function isBridgeMessage(data) {
  return typeof data === 'object' && data !== null && /** @type {any} */ (data).mosaic === BRIDGE;
}
