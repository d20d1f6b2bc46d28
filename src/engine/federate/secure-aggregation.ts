import { chacha20 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../../shared/errors';

/**
 * Secure aggregation by pairwise masks (Bonawitz et al. 2017, without the secret-sharing recovery: a dropped office
 * makes the round restart instead). Every pair of offices agrees a secret by X25519; from it, for each
 * (federation, round, attempt, pair), HKDF-SHA256 and ChaCha20 expand one mask vector. The office with the smaller
 * id adds it, the other subtracts it, so all masks cancel in the sum and the coordinator reads only the total.
 *
 * Arithmetic is exact: each office's weighted update is clipped per coordinate to ±clip and rounded to a fixed-point
 * integer (value × scale) in the ring of integers mod 2^32. A uniform mask makes each masked vector exactly uniform
 * on that ring, whatever the update. The scale is the largest power of two with offices × clip × scale < 2^31, so
 * the true sum can never wrap; each coordinate of the sum is then exact up to offices × ½ / scale (with 3 offices
 * and clip 4: scale 2^27, error under 1.2e-8, below float32 rounding of the weights).
 */

export type MaskKeys = { secretKey: Uint8Array; publicKey: Uint8Array };
export type MaskContext = { federationId: string; round: number; attempt: number };

/** A fresh X25519 key pair for one federation's masks. */
export function maskKeyPair(): MaskKeys {
  const { secretKey, publicKey } = x25519.keygen();
  return { secretKey, publicKey };
}

/** The X25519 public key of a secret key. */
export const maskPublicKey = (secretKey: Uint8Array): Uint8Array => x25519.getPublicKey(secretKey);

/** Per-coordinate clip of the weighted update in secure mode, widened for the DP noise an office adds. */
export const secureClip = (noiseStd: number): number => 4 + 8 * noiseStd;

/** The fixed-point scale for a round with `offices` participants (see the header). */
export function fixedPointScale(offices: number, clip: number): number {
  const scale = 2 ** Math.floor(Math.log2((2 ** 31 - 1) / (offices * clip)));
  if (!(scale >= 1)) throw new AppError('bad-input', 'Too many offices or too wide a clip for exact secure aggregation.', { field: 'clip' });
  return scale;
}

/** The mask an ordered pair of offices shares for one attempt of one round: `length` uniform 32-bit integers. */
export function pairMask(secretKey: Uint8Array, peerPublicKey: Uint8Array, pair: [string, string], context: MaskContext, length: number): Uint32Array {
  const shared = x25519.getSharedSecret(secretKey, peerPublicKey);
  const [low, high] = [...pair].sort() as [string, string];
  const info = new TextEncoder().encode(`localyst/federate/mask/1|${context.round}|${context.attempt}|${low}|${high}`);
  const key = hkdf(sha256, shared, new TextEncoder().encode(context.federationId), info, 32);
  // A key is used for one stream only (it is unique to round, attempt and pair), so a zero nonce is safe.
  const stream = chacha20(key, new Uint8Array(12), new Uint8Array(4 * length));
  return new Uint32Array(stream.buffer, stream.byteOffset, length);
}

/** A weighted update rounded into the ring: round(clamp(v, ±clip) × scale) mod 2^32. Also how many coordinates were clipped. */
export function toRing(values: Float32Array, scale: number, clip: number): { ring: Uint32Array; clipped: number } {
  const ring = new Uint32Array(values.length);
  let clipped = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i] as number;
    if (v > clip || v < -clip) {
      clipped++;
      v = Math.max(-clip, Math.min(clip, v));
    }
    ring[i] = Math.round(v * scale) >>> 0;
  }
  return { ring, clipped };
}

/** This office's masked vector: its ring update plus the masks it shares with every other participant (signed by id order). */
export function maskUpdate(
  ring: Uint32Array,
  self: { officeId: string; secretKey: Uint8Array },
  peers: Array<{ officeId: string; publicKey: Uint8Array }>,
  context: MaskContext,
): Uint32Array {
  const out = Uint32Array.from(ring);
  for (const peer of peers) {
    if (peer.officeId === self.officeId) continue;
    const mask = pairMask(self.secretKey, peer.publicKey, [self.officeId, peer.officeId], context, ring.length);
    const add = self.officeId < peer.officeId;
    for (let i = 0; i < out.length; i++) out[i] = (add ? (out[i] as number) + (mask[i] as number) : (out[i] as number) - (mask[i] as number)) >>> 0;
  }
  return out;
}

/** The sum of ring vectors, read back as real numbers (two's complement / scale): the masks have cancelled. */
export function ringSum(vectors: Uint32Array[], scale: number): Float32Array {
  const length = vectors[0]?.length ?? 0;
  const acc = new Uint32Array(length);
  for (const v of vectors) {
    if (v.length !== length) throw new AppError('bad-input', 'The masked updates differ in length.', { field: 'vector' });
    for (let i = 0; i < length; i++) acc[i] = ((acc[i] as number) + (v[i] as number)) >>> 0;
  }
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = ((acc[i] as number) | 0) / scale;
  return out;
}
