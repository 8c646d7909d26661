/**
 * MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm) over the UTF-8 bytes of a string,
 * seed 0 unless given: the rollout hash. Written here so the server and every SDK bucket identically
 * with no dependency; the bytes are UTF-8 so any other language can reproduce a bucket.
 */
const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

export function murmur3(text: string, seed = 0): number {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
  const length = encoder.encodeInto(text, buffer).written;
  return murmur3Bytes(buffer, length, seed);
}

export function murmur3Bytes(bytes: Uint8Array, length: number, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the tail bytes accumulate by design
    case 3:
      k ^= (bytes[blocks + 2] as number) << 16;
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the tail bytes accumulate by design
    case 2:
      k ^= (bytes[blocks + 1] as number) << 8;
    case 1:
      k ^= bytes[blocks] as number;
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
