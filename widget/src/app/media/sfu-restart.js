// When the room's media server dies, the server re-creates the room on another one and sends
// `sfu.restart` (docs/protocol.md): every connection to the old server is dead. The transport then
// starts its media afresh, as on joining: it closes both connections, forgets the feed list (a new
// `sfu.feeds` comes as everyone publishes again, and each one brings a new want list), and publishes
// again what it published (camera and microphone, and the screen it shares, a feed of its own). The person
// sees a status line from `restarting` until media flows again (`restored`).

import { SfuAudioLevels } from './sfu-audio-levels.js';

export class SfuRestart {
  /** @param {import('./sfu-transport.js').SfuTransport} transport */
  constructor(transport) {
    this.transport = transport;
    /** Between `sfu.restart` and the first sign that media flows again. */
    this.active = false;
  }

  /** `sfu.restart`: tear down, then publish and subscribe again on the new media server. */
  begin(reason) {
    const t = this.transport;
    const wasPublishing = !!t.publisher; // a viewer publishes nothing, before or after
    // Whether there is anyone to receive again: their feeds come back one by one after ours.
    this.othersPublished = t.feeds.some((f) => f.participantId !== t.selfId);
    t.publisher?.close();
    t.subscriber?.close();
    t.publisher = null;
    t.subscriber = null;
    t.screen.close(); // the shared track is kept and published again below
    t.tracks.clear();
    t.received.clear();
    t.levels = new SfuAudioLevels(); // its counters were the old connection's
    // Fresh streams for the new tracks, so each tile is given one to play rather than an ended one.
    t.streams.clear();
    // Offers of the old server that are still queued would be answered on the new connection.
    t.queue = Promise.resolve();
    t.feeds = [];
    t.wantSender.reset(); // the new server knows nothing we asked the old one
    this.active = true;
    t.emit('mediaStatus', { state: 'restarting', reason: reason ?? null });
    if (wasPublishing) t.publish().catch((e) => console.warn('Mosaic: could not publish to the new media server', e));
    t.screen.republish();
    t.updateWants();
  }

  /**
   * Media flows again: the subscriber connection is up, or we published and nobody else was
   * publishing before the restart. Clears the status line once.
   */
  progress({ subscriberConnected = false } = {}) {
    if (!this.active) return;
    if (!subscriberConnected && this.othersPublished) return;
    this.active = false;
    this.transport.emit('mediaStatus', { state: 'restored' });
  }
}
