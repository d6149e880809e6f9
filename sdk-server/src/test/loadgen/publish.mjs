#!/usr/bin/env node
// Lightweight publishers for SFU rooms: N participants in one Node process, each joining a Mosaic room
// through Mosaic's signaling and publishing the same looped VP8 clip (no camera, no encoder, little CPU).
// Usage (docs/sfu.md, "Load publishers"):
//   node publish.mjs --ws ws://HOST:PORT/ws --room ROOM --tokens FILE        (one join token per line)
//   MOSAIC_SECRET=... node publish.mjs --ws ws://HOST:PORT/ws --api http://HOST:PORT --room ROOM --count 24
// --audio adds sound: a looped Ogg Opus clip (--audio-clip FILE), sent by every participant.
// --wait-for-sfu SECONDS: in an `auto` room still a mesh, join and wait (that long at most) for its move to the SFU.
// Prints one JSON object per line: "published" per participant, "ready" once all publish, "stats"
// every few seconds, "refused" when the server refuses a participant's `media` (a host's lock; it sends
// on regardless), "error"; runs until --seconds pass or SIGTERM/SIGINT, then leaves and exits 0.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readIvf } from './ivf.mjs';
import { MosaicPublisher } from './mosaic-publisher.mjs';
import { readOggOpus } from './ogg-opus.mjs';
import { vp8Payloads } from './vp8-payloads.mjs';

const log = (object) => process.stdout.write(JSON.stringify(object) + '\n');

const { values: args } = parseArgs({
  options: {
    ws: { type: 'string' },
    room: { type: 'string' },
    tokens: { type: 'string' },
    api: { type: 'string' },
    count: { type: 'string' },
    clip: { type: 'string', default: fileURLToPath(new URL('./clip-320x180-15fps.ivf', import.meta.url)) },
    audio: { type: 'boolean', default: false },
    'audio-clip': { type: 'string', default: fileURLToPath(new URL('./tone-48k-20ms.opus', import.meta.url)) },
    seconds: { type: 'string' },
    'stats-every': { type: 'string', default: '5' },
    'joins-at-once': { type: 'string', default: '4' },
    'wait-for-sfu': { type: 'string', default: '0' },
  },
});

function fail(message) {
  process.stderr.write(`mosaic-loadgen: ${message}\n`);
  process.exit(2);
}

/** Join tokens: from a file (one per line), or issued by Mosaic's REST API with the app secret. */
async function tokens() {
  if (args.tokens) {
    return readFileSync(args.tokens, 'utf8').split('\n').map((t) => t.trim()).filter(Boolean);
  }
  const count = Number(args.count);
  const secret = process.env.MOSAIC_SECRET;
  if (!args.api || !Number.isInteger(count) || count < 1 || !secret) {
    fail('give --tokens FILE, or --api URL --count N with MOSAIC_SECRET in the environment');
  }
  const issued = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${args.api}/api/rooms/${encodeURIComponent(args.room)}/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: `loadgen-${i + 1}`, name: `Load ${i + 1}`, role: 'participant' }),
    });
    if (response.status !== 201) fail(`issuing a token answered ${response.status}: ${await response.text()}`);
    issued.push((await response.json()).token);
  }
  return issued;
}

if (!args.ws || !args.room) fail('--ws and --room are required');
const clip = readIvf(args.clip);
const framePayloads = clip.frames.map((f) => vp8Payloads(f.data));
const frameMs = 1000 / clip.fps;
const ticksPerFrame = Math.round(90000 / clip.fps); // VP8's RTP clock is 90 kHz
const publishers = (await tokens()).map((token, i) =>
  new MosaicPublisher({ url: args.ws, room: args.room, token, name: `load-${i + 1}`, log, audio: args.audio,
    waitForSfuMs: Number(args['wait-for-sfu']) * 1000 }));

// One clock for everyone: a frame is due every frameMs; when the process falls behind it skips frames
// instead of bursting them (a receiver would only drop the late ones).
const startedAt = performance.now();
let frameIndex = 0;
let timer;
function tick() {
  const due = Math.floor((performance.now() - startedAt) / frameMs);
  if (due > frameIndex + 2) frameIndex = due;
  const payloads = framePayloads[frameIndex % framePayloads.length];
  const timestamp = (frameIndex * ticksPerFrame) >>> 0;
  for (const p of publishers) p.sendFrame(payloads, timestamp);
  frameIndex++;
  timer = setTimeout(tick, Math.max(0, startedAt + frameIndex * frameMs - performance.now()));
}
tick();

// With --audio, the same for sound: one looped Opus clip, each packet when its time comes.
const sound = args.audio ? readOggOpus(args['audio-clip']) : [];
const soundStartedAt = performance.now();
let soundIndex = 0;
let soundTimestamp = 0;
let soundDueMs = 0;
let soundTimer;
function soundTick() {
  while (soundDueMs <= performance.now() - soundStartedAt) {
    const { payload, samples } = sound[soundIndex % sound.length];
    for (const p of publishers) p.sendAudio(payload, soundTimestamp >>> 0);
    soundIndex++;
    soundTimestamp += samples;
    soundDueMs += samples / 48;
    if (soundDueMs < performance.now() - soundStartedAt - 100) soundDueMs = performance.now() - soundStartedAt; // fell behind: skip, never burst
  }
  soundTimer = setTimeout(soundTick, Math.max(0, soundStartedAt + soundDueMs - performance.now()));
}
if (sound.length > 0) soundTick();

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  clearTimeout(soundTimer);
  clearInterval(statsTimer);
  await Promise.allSettled(publishers.map((p) => p.close()));
  log({ event: 'stopped' });
  process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

const statsTimer = setInterval(() => {
  const states = {};
  for (const p of publishers) states[p.connectionState] = (states[p.connectionState] || 0) + 1;
  const packets = publishers.reduce((sum, p) => sum + p.packetsSent, 0);
  const audioPackets = publishers.reduce((sum, p) => sum + p.audioPacketsSent, 0);
  log({ event: 'stats', seconds: Math.round((performance.now() - startedAt) / 1000), frames: frameIndex, connections: states, packetsSent: packets, audioPacketsSent: audioPackets });
}, Number(args['stats-every']) * 1000);

// Join a few at a time: a room of 49 joining in one burst is not what a class looks like either.
const atOnce = Math.max(1, Number(args['joins-at-once']));
let next = 0;
async function worker() {
  while (next < publishers.length) {
    const p = publishers[next++];
    const t0 = performance.now();
    await p.start();
    log({ event: 'published', name: p.name, participantId: p.participantId, ms: Math.round(performance.now() - t0) });
  }
}
try {
  await Promise.all(Array.from({ length: atOnce }, worker));
} catch (e) {
  log({ event: 'error', message: String(e.message || e) });
  await stop(1);
}
log({ event: 'ready', publishers: publishers.length, seconds: Math.round((performance.now() - startedAt) / 100) / 10,
  clip: `${clip.width}x${clip.height} ${clip.fps} fps, ${clip.frames.length} frames` });
if (args.seconds) setTimeout(() => stop(0), Number(args.seconds) * 1000);
