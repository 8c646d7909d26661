/**
 * MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm) over the UTF-8 bytes of a string,
 * seed 0 unless given: the rollout hash. Written here so the server and every SDK bucket identically
 * with no dependency; the bytes are UTF-8 so any other language can reproduce a bucket.
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

/** Keys are nearly always ASCII, where a code unit is its UTF-8 byte: hashed straight from the string. */
export function murmur3(text: string, seed = 0): number {
  const length = text.length;
  const blocks = length & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    const b0 = text.charCodeAt(i);
    const b1 = text.charCodeAt(i + 1);
    const b2 = text.charCodeAt(i + 2);
    const b3 = text.charCodeAt(i + 3);
    if ((b0 | b1 | b2 | b3) > 0x7f) return murmur3Utf8(text, seed);
    h = mixBlock(h, b0 | (b1 << 8) | (b2 << 16) | (b3 << 24));
  }
  let k = 0;
  for (let i = length - 1; i >= blocks; i--) {
    const unit = text.charCodeAt(i);
    if (unit > 0x7f) return murmur3Utf8(text, seed);
    k = (k << 8) | unit;
  }
  return finish(h, k, length);
}

function murmur3Utf8(text: string, seed: number): number {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
  return murmur3Bytes(buffer, encoder.encodeInto(text, buffer).written, seed);
}

export function murmur3Bytes(bytes: Uint8Array, length: number, seed = 0): number {
  const blocks = length & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(
      h,
      (bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24),
    );
  }
  let k = 0;
  for (let i = length - 1; i >= blocks; i--) k = (k << 8) | (bytes[i] as number);
  return finish(h, k, length);
}

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, C2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The tail (`k`: the last 0-3 bytes, little-endian) and the final avalanche. */
function finish(h: number, k: number, length: number): number {
  if ((length & 3) !== 0) {
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
