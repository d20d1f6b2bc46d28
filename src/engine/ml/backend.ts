import type { Backend } from '../../shared/contract';
import type { LoadedTf, Tf } from '../kernel/context';
import { transpose2d, useLeanWasmKernels } from './wasm-kernels';

export type { LoadedTf, Tf };

const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

/**
 * Chooses the TensorFlow.js backend once per process: native `tfjs-node` when it is installed and loads,
 * else WebAssembly (SIMD), else the plain CPU backend. `LOCALYST_TF_BACKEND` forces one for comparisons.
 */
export async function loadTf(forced: string | undefined = process.env.LOCALYST_TF_BACKEND): Promise<LoadedTf> {
  const order: Backend[] = forced === 'cpu' ? ['cpu'] : forced === 'wasm' ? ['wasm', 'cpu'] : ['tensorflow', 'wasm', 'cpu'];
  const notes: string[] = [];
  for (const backend of order) {
    try {
      const loaded = await tryBackend(backend);
      return { tf: loaded.tf, info: { ...loaded.info, note: notes.length ? notes.join(' ') : null } };
    } catch (error) {
      notes.push(whyUnavailable(backend, error));
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${notes.join(' ')}`);
}

async function tryBackend(backend: Backend): Promise<LoadedTf> {
  if (backend === 'tensorflow') {
    // A variable specifier: the package is optional and absent where libtensorflow could not be downloaded.
    const tf = (await import(/* @vite-ignore */ NATIVE_PACKAGE)) as Tf;
    await tf.setBackend('tensorflow');
    await tf.ready();
    return { tf, info: { backend, version: tf.version.tfjs, simd: null, threads: null, note: null } };
  }
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not initialise');
    await tf.ready();
    useTransposeFreeMatMulGradients(tf);
    useLeanWasmKernels(tf);
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    const threaded = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
    return { tf, info: { backend, version: tf.version.tfjs, simd, threads: threaded ? null : 1, note: null } };
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, info: { backend, version: tf.version.tfjs, simd: null, threads: 1, note: null } };
}

/**
 * The WebAssembly backend multiplies a transposed matrix 6–10× slower than it transposes the matrix and multiplies
 * (measured here: a 2570×50 by 50×256 product 40.6 ms with the transpose flag, 5.0 ms with an explicit transpose),
 * and TensorFlow.js's gradient of a matrix product uses the flags, so every backward pass paid for it. The gradient
 * is registered again with the same mathematics written with explicit transposes; it stays differentiable (the GAN's
 * gradient penalty differentiates a gradient). Once per process; the results are the same up to rounding.
 */
let matMulGradientsReplaced = false;
export function useTransposeFreeMatMulGradients(tf: Tf): void {
  if (matMulGradientsReplaced) return;
  matMulGradientsReplaced = true;
  const t = (x: TfTensor): TfTensor => {
    const rank = x.shape.length;
    if (rank === 2) return transpose2d(tf, x);
    return tf.transpose(x, [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2]);
  };
  // op(x)·op(y) with the transposes done first (op: transposed when the flag says so). XNNPACK packs a product's right
  // operand before multiplying (its "weights"), which costs far more per number than a transpose, and in a gradient
  // that operand is new each time: dy·Wᵀ packs all of Wᵀ. The mirror (op(y)ᵀ·op(x)ᵀ)ᵀ packs op(x)ᵀ instead; the cheaper
  // of the two is taken (a critic's 10×256 by 256×2450 input gradient: 7 ms → 1.5 ms). Batched products keep the first.
  const mm = (x: TfTensor, y: TfTensor, tx: boolean, ty: boolean): TfTensor => {
    if (x.shape.length === 2 && y.shape.length === 2 && mirrorIsCheaper(x.shape as [number, number], y.shape as [number, number], tx, ty)) {
      return t(tf.matMul(ty ? y : t(y), tx ? x : t(x)));
    }
    return tf.matMul(tx ? t(x) : x, ty ? t(y) : y);
  };
  tf.registerGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [TfTensor, TfTensor];
      const dyT = dy as TfTensor;
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => mm(dyT, b, false, true), b: () => mm(a, dyT, true, false) };
      if (!transposeA && transposeB) return { a: () => mm(dyT, b, false, false), b: () => mm(dyT, a, true, false) };
      if (transposeA && !transposeB) return { a: () => mm(b, dyT, false, true), b: () => mm(a, dyT, false, false) };
      return { a: () => mm(b, dyT, true, true), b: () => mm(dyT, a, true, true) };
    },
  });
}

type TfTensor = ReturnType<Tf['tensor']>;

/** Packing one number for XNNPACK costs about this many transposed numbers (measured here on the wasm backend). */
const PACK_COST = 8;

/**
 * Whether op(x)·op(y) (x: m×k after op, y: k×n after op) is cheaper as (op(y)ᵀ·op(x)ᵀ)ᵀ: that packs k×m numbers instead
 * of k×n, and pays for the result's transpose and for whichever inputs then need one.
 */
export function mirrorIsCheaper(xShape: [number, number], yShape: [number, number], tx: boolean, ty: boolean): boolean {
  const [m, k] = tx ? [xShape[1], xShape[0]] : xShape;
  const n = ty ? yShape[0] : yShape[1];
  const direct = PACK_COST * k * n + (tx ? m * k : 0) + (ty ? k * n : 0);
  const mirror = PACK_COST * k * m + m * n + (tx ? 0 : m * k) + (ty ? 0 : k * n);
  return mirror < direct;
}

/** Why a backend could not start, in words a user can act on (the loader's own first line kept for support). */
export function whyUnavailable(backend: Backend, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = firstLine(error);
  if (backend === 'tensorflow' && (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(detail))) {
    return 'Native TensorFlow (@tensorflow/tfjs-node) is not installed: it downloads libtensorflow when installed, which was not possible here. Install it on a connected machine for faster training.';
  }
  if (backend === 'tensorflow') return `Native TensorFlow is installed but did not start (${detail}).`;
  return `The ${backend === 'wasm' ? 'WebAssembly' : 'CPU'} backend did not start (${detail}).`;
}

const firstLine = (error: unknown): string => String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
