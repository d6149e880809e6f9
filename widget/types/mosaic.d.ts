// Public API of mosaic.js, the Mosaic loader for host pages. See docs/widget-api.md.

export type Layout = 'gallery' | 'speaker';
export type Role = 'host' | 'participant' | 'viewer';
/** `muteAll`, `lock` and `endAll` show for hosts only. */
export type ToolbarButton =
  'microphone' | 'camera' | 'screen' | 'hand' | 'chat' | 'layout' | 'devices' | 'leave' | 'muteAll' | 'lock' | 'endAll';

export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand: boolean;
}

export interface Participant {
  id: string;
  userId: string;
  name: string;
  role: Role;
  media: MediaState;
}

export interface Theme {
  /** Buttons, focus rings, the active speaker's outline. Any CSS colour: `#3d7eff`, `rgb(…)`, `hsl(…)`. */
  accent?: string;
  background?: string;
  tile?: string;
  text?: string;
  danger?: string;
}

export interface MountOptions {
  /** Room name: 1-64 letters, digits, '-' or '_'. */
  room: string;
  /** Join token from your backend. Sent to the iframe by postMessage, never in a URL. */
  token: string;
  /** Mosaic server origin; defaults to where mosaic.js was loaded from. */
  server?: string;
  /** Suggested name on the pre-join screen when the token carries none. */
  displayName?: string;
  /** 'en' or 'fr' (a region such as 'fr-CA' is fine); defaults to the browser's language. */
  locale?: string;
  /** Initial layout; default 'gallery'. */
  layout?: Layout;
  theme?: Theme;
  /** Toolbar buttons to show, in order; default all. */
  toolbar?: ToolbarButton[];
  /** Join with the microphone off. */
  startAudioOff?: boolean;
  /** Join with the camera off. */
  startVideoOff?: boolean;
  /** Tiles per gallery page, 1-49; default 25. */
  maxTiles?: number;
  /** Camera size asked for: '480p' (default) or '720p' (sharper stage in SFU rooms, three simulcast layers). */
  cameraResolution?: '480p' | '720p';
  /** Show the pre-join screen (camera preview, devices, name); default true. */
  prejoin?: boolean;
  /** The room's passcode (sent with the join), or true to ask for it on the pre-join screen. */
  passcode?: string | boolean;
  /**
   * For automated tests only: the meeting app exposes its end-to-end encryption counters to test
   * drivers (`mosaicDiagnostics.e2ee()` inside the iframe). Never needed by a real host page.
   */
  testMode?: boolean;
  /** Accessible title of the iframe. */
  title?: string;
}

export interface ChatMessage {
  from: string;
  name: string;
  text: string;
  sentAt: number;
}
export interface DeviceInfo {
  kind: 'audioinput' | 'videoinput';
  deviceId: string;
  label: string;
  selected: boolean;
}

export interface MeetingEvents {
  connectionState: { state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'left' };
  /** The media connection to one participant, as their tile shows it. */
  peerConnectionState: { id: string; state: 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed' };
  joined: { room: string; participant: Participant; participants: Participant[] };
  participantJoined: Participant;
  participantLeft: { id: string; reason: string };
  participantUpdated: Participant;
  activeSpeaker: { id: string | null };
  /** Who is talking now (the tiles with the speaking outline), sent when that set changes; you included. */
  speaking: { ids: string[] };
  chat: ChatMessage;
  handRaised: { id: string; raised: boolean };
  layoutChanged: { layout: Layout; pinned: string | null };
  /** You are in the waiting room until a host admits you (`joined` follows) or denies you (`left`, reason 'denied'). */
  waiting: Record<string, never>;
  /** Hosts only: someone is waiting to be admitted. */
  participantWaiting: Participant;
  /** Hosts only: someone stopped waiting ('admitted', 'denied' or 'disconnected'). */
  participantWaitingLeft: { id: string; reason: string };
  /**
   * A host turned off one kind of your media; the widget has already stopped sending it. `by`: the
   * host's participant id; absent when the application acted through the REST API.
   */
  muted: { kind: 'audio' | 'video' | 'screen'; by?: string };
  /** `unmuteLocked`: kinds participants may not turn on themselves (hosts always may). */
  roomUpdated: {
    locked: boolean;
    e2ee: boolean;
    waitingRoom: boolean;
    unmuteLocked: Array<'audio' | 'video' | 'screen'>;
    /** How media travel now; `'sfu'` after an `auto` room moved (docs/sfu.md). */
    media: 'mesh' | 'sfu';
  };
  /** An `auto` room's media finished moving to the SFU; `ms`: how long the old mesh links stayed up meanwhile. */
  mediaMoved: { media: 'sfu'; ms: number };
  /** A host lets you turn `kind` on although the room does not let participants, or took that back. */
  unmuteAllowed: { kind: 'audio' | 'video' | 'screen'; allowed: boolean; by?: string };
  /** Hosts only: someone was reported. */
  reported: { by: Participant; target: Participant; reason: string; reportedAt: number };
  /**
   * End-to-end encrypted rooms: `waitingForKey` / `encrypting` (sending state), `securityCode` (a new
   * 30-digit code; `changed` when it replaces one: ask people to compare again), `identityChanged`
   * (this participant's key was substituted on its way to the others).
   */
  e2ee: {
    state: 'waitingForKey' | 'encrypting' | 'securityCode' | 'identityChanged' | 'mitmSuspected' | 'keyChanged';
    securityCode?: string;
    changed?: boolean;
    /** mitmSuspected: the peer whose connection was closed, and why; keyChanged: who changed key */
    participantId?: string;
    userId?: string;
    reason?: 'mismatch' | 'unbound';
  };
  error: { code: string; message: string };
  left: { reason: string };
}

export interface Meeting {
  readonly iframe: HTMLIFrameElement;
  on<K extends keyof MeetingEvents>(name: K, fn: (detail: MeetingEvents[K]) => void): Meeting;
  off<K extends keyof MeetingEvents>(name: K, fn: (detail: MeetingEvents[K]) => void): Meeting;

  /**
   * Resolve with whether the microphone / camera is now on. Turning one on rejects with 'forbidden'
   * while a host keeps it off for participants (see `unmuteLocked`).
   */
  toggleAudio(): Promise<boolean>;
  toggleVideo(): Promise<boolean>;
  setAudio(on: boolean): Promise<boolean>;
  setVideo(on: boolean): Promise<boolean>;
  /** Asks the user which screen or window to share; rejects with code 'screen_share_refused' if they decline. */
  shareScreen(): Promise<boolean>;
  stopScreenShare(): Promise<boolean>;
  setLayout(layout: Layout): Promise<Layout>;
  /** Pins a participant (null unpins): first in the gallery, on the stage in speaker layout. */
  pin(id: string | null): Promise<string | null>;
  /** Rejects with code 'too_large' above 4000 characters, and with 'forbidden' for a viewer. */
  sendChat(text: string): Promise<void>;
  /** Raises (true), lowers (false) or toggles (no argument) your hand; resolves with the new state. */
  raiseHand(raised?: boolean): Promise<boolean>;
  leave(): Promise<void>;
  listDevices(): Promise<DeviceInfo[]>;
  setDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  participants(): Promise<Participant[]>;

  /** Host actions: sent to the server, which enforces roles (a non-host gets an `error` event, code 'forbidden'). */
  mute(id: string, kind?: 'audio' | 'video' | 'screen'): Promise<void>;
  /** With `allowUnmute` false, participants may not turn it back on themselves until a host lets them. */
  muteAll(kind?: 'audio' | 'video' | 'screen', allowUnmute?: boolean): Promise<void>;
  /** Whether participants may turn `kind` on themselves; with `id`, for that one participant only. */
  allowUnmute(kind: 'audio' | 'video' | 'screen', allowed: boolean, id?: string): Promise<void>;
  remove(id: string): Promise<void>;
  lock(locked?: boolean): Promise<void>;
  admit(id: string): Promise<void>;
  deny(id: string): Promise<void>;
  /** Makes someone a host too, or with 'participant' lets a viewer speak, chat and share. Roles are never lowered. */
  promote(id: string, role?: 'host' | 'participant'): Promise<void>;
  end(): Promise<void>;
  /** Anyone: reports someone to the hosts (at most 500 characters); the reported person is not told. */
  report(id: string, reason: string): Promise<void>;

  /** Removes the iframe, which leaves the meeting. */
  destroy(): void;
}

export interface MosaicGlobal {
  mount(target: string | HTMLElement, options: MountOptions): Meeting;
  /** The Mosaic release this loader belongs to, e.g. `0.1.0-SNAPSHOT` (the Maven version). */
  readonly version: string;
}

/** `<mosaic-meeting room="…" server="…">`; set `token` as a property. Events are DOM CustomEvents. */
export interface MosaicMeetingElement
  extends HTMLElement, Omit<Meeting, 'iframe' | 'on' | 'off' | 'destroy' | 'remove'> {
  token: string | null;
  /** `remove(id)` of a mounted meeting; `remove()` on the element stays the DOM's own. */
  removeParticipant(id: string): Promise<void>;
  readonly meeting: Meeting | null;
}

declare global {
  interface Window {
    Mosaic: MosaicGlobal;
  }
  interface HTMLElementTagNameMap {
    'mosaic-meeting': MosaicMeetingElement;
  }
}
