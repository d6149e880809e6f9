// Reads an Ogg Opus file (RFC 7845) into its Opus packets, each ready to be one RTP payload (RFC 7587),
// with how many 48 kHz samples it lasts. The first two packets (OpusHead, OpusTags) are headers.
import { readFileSync } from 'node:fs';

/** Samples (48 kHz) in one Opus frame, by the TOC byte's configuration number (RFC 6716, 3.1). */
function frameSamples(config) {
  if (config < 12) return [480, 960, 1920, 2880][config % 4]; // SILK: 10, 20, 40, 60 ms
  if (config < 16) return [480, 960][config % 2]; // hybrid: 10, 20 ms
  return [120, 240, 480, 960][config % 4]; // CELT: 2.5, 5, 10, 20 ms
}

function packetSamples(packet) {
  const toc = packet[0];
  const code = toc & 3;
  const frames = code === 0 ? 1 : code === 3 ? packet[1] & 0x3f : 2;
  return frames * frameSamples(toc >> 3);
}

export function readOggOpus(path) {
  const file = readFileSync(path);
  const packets = [];
  let pending = [];
  let offset = 0;
  while (offset + 27 <= file.length) {
    if (file.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`${path}: not an Ogg page at ${offset}`);
    const segments = file[offset + 26];
    const table = file.subarray(offset + 27, offset + 27 + segments);
    let data = offset + 27 + segments;
    for (const size of table) {
      pending.push(file.subarray(data, data + size));
      data += size;
      if (size < 255) {
        // A segment shorter than 255 bytes ends a packet; 255 means it goes on (maybe on the next page).
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    offset = data;
  }
  if (packets.length < 3 || packets[0].toString('latin1', 0, 8) !== 'OpusHead') {
    throw new Error(`${path}: not an Ogg Opus file`);
  }
  return packets.slice(2).map((payload) => ({ payload, samples: packetSamples(payload) }));
}
