// Reads an IVF file (the container ffmpeg writes with -f ivf) into VP8 frames kept in memory.
// Layout: a 32-byte header ("DKIF", version, header size, fourcc, width, height, rate, scale, count),
// then per frame a 12-byte header (size, 64-bit pts) and the frame.
import { readFileSync } from 'node:fs';

export function readIvf(path) {
  const file = readFileSync(path);
  if (file.length < 32 || file.toString('ascii', 0, 4) !== 'DKIF') {
    throw new Error(`${path} is not an IVF file`);
  }
  const fourcc = file.toString('ascii', 8, 12);
  if (fourcc !== 'VP80') {
    throw new Error(`${path} holds ${fourcc}, not VP8`);
  }
  const headerSize = file.readUInt16LE(6);
  const width = file.readUInt16LE(12);
  const height = file.readUInt16LE(14);
  const rate = file.readUInt32LE(16);
  const scale = file.readUInt32LE(20);
  const frames = [];
  for (let at = headerSize; at + 12 <= file.length;) {
    const size = file.readUInt32LE(at);
    const data = file.subarray(at + 12, at + 12 + size);
    if (data.length < size) break; // a truncated last frame
    // VP8 frame tag (RFC 6386 9.1): bit 0 of the first byte is 0 for a keyframe.
    frames.push({ data, keyframe: (data[0] & 1) === 0 });
    at += 12 + size;
  }
  if (frames.length === 0 || !frames[0].keyframe) {
    throw new Error(`${path} must start with a VP8 keyframe`);
  }
  return { width, height, fps: rate / scale, frames };
}
