import { AppError } from '../../shared/errors';
import type { Net } from '../ml/trainer';

/**
 * Weights travel as one flat vector in a fixed order: for each layer from the input, its kernel (inputs × units,
 * row-major) then its bias. The shape is known to everyone from the agreed encoding's width and the spec's layers.
 */

/** The layer sizes of the federation's network: [inputs, ...hidden, 1]. */
export const layerSizes = (inputs: number, hidden: number[]): number[] => [inputs, ...hidden, 1];

/** How many numbers the flat vector of a network of these sizes holds. */
export function flatLength(sizes: number[]): number {
  let n = 0;
  for (let l = 1; l < sizes.length; l++) n += (sizes[l - 1] as number) * (sizes[l] as number) + (sizes[l] as number);
  return n;
}

/** A network's weights as one flat vector (see the order above). */
export function netToFlat(net: Net): Float32Array {
  const out = new Float32Array(net.layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0));
  let at = 0;
  for (const layer of net.layers) {
    out.set(layer.kernel, at);
    at += layer.kernel.length;
    out.set(layer.bias, at);
    at += layer.bias.length;
  }
  return out;
}

/** The network of the given sizes holding a flat vector's weights (ReLU hidden layers, a linear logit). */
export function flatToNet(flat: Float32Array, sizes: number[]): Net {
  if (flat.length !== flatLength(sizes)) {
    throw new AppError('bad-input', `The weights hold ${flat.length} numbers; this network needs ${flatLength(sizes)}.`, { field: 'weights' });
  }
  let at = 0;
  const layers = sizes.slice(1).map((units, l) => {
    const inputs = sizes[l] as number;
    const kernel = Array.from(flat.subarray(at, at + inputs * units));
    at += inputs * units;
    const bias = Array.from(flat.subarray(at, at + units));
    at += units;
    return { inputs, units, kernel, bias, activation: (l < sizes.length - 2 ? 'relu' : 'linear') as 'relu' | 'linear' };
  });
  return { version: 1, inputs: sizes[0] as number, layers };
}

/** Bytes as standard base64. */
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Standard or URL-safe base64 as bytes. */
export function fromBase64(text: string, field = 'base64'): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (Buffer.from(bytes).toString('base64').replace(/=+$/, '') !== text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')) {
    throw new AppError('bad-input', `The ${field} is not valid base64.`, { field });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A float vector as base64 of its little-endian bytes. */
export const floatsToBase64 = (values: Float32Array): string => toBase64(new Uint8Array(Float32Array.from(values).buffer));

/** Base64 as a float vector of the expected length. */
export function base64ToFloats(text: string, length: number | null, field = 'weights'): Float32Array {
  const bytes = fromBase64(text, field);
  if (bytes.byteLength % 4 !== 0 || (length !== null && bytes.byteLength !== 4 * length)) {
    throw new AppError('bad-input', `The ${field} hold ${bytes.byteLength} bytes; ${length ?? 'a whole number of'} 4-byte numbers were expected.`, { field });
  }
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  for (const v of out) if (!Number.isFinite(v)) throw new AppError('bad-input', `The ${field} hold a number that is not finite.`, { field });
  return out;
}

/** A ring vector (integers mod 2^32) as base64, and back. */
export const ringToBase64 = (values: Uint32Array): string => toBase64(new Uint8Array(Uint32Array.from(values).buffer));
export function base64ToRing(text: string, length: number, field = 'vector'): Uint32Array {
  const bytes = fromBase64(text, field);
  if (bytes.byteLength !== 4 * length) throw new AppError('bad-input', `The ${field} holds ${bytes.byteLength} bytes; ${4 * length} were expected.`, { field });
  const out = new Uint32Array(length);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
