import type * as TfTypes from '@tensorflow/tfjs';
import type { Tf } from '../kernel/context';

/**
 * Three kernels of the WebAssembly backend registered again, doing the same copies with less traffic. Each gives the
 * same numbers as the kernel it replaces (they move numbers, never compute them), so a training gives the same model.
 *
 * - Identity (tf.clone) shares the input's memory, as the CPU backend's does, instead of copying it. TensorFlow.js
 *   clones every tensor a gradient will need while it records (a matrix product keeps both operands), so each pass of
 *   the GAN's critic copied its 256 × 3,080 weights. Tensors are never changed in place: a shared copy is the same.
 * - Slice and SplitV read their input where it lies. The backend's Slice first copies the whole input out of the
 *   WebAssembly memory (readSync), and SplitV slices once per part: splitting a GAN's 200 × 167 output into its 30
 *   columns copied the whole output 30 times (about a millisecond, several times per training step).
 *
 * Once per process, for the WebAssembly backend only.
 */
let registered = false;
export function useLeanWasmKernels(tf: Tf): void {
  if (registered) return;
  registered = true;
  const original = (name: string): KernelFunc => {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) throw new Error(`The WebAssembly backend has no ${name} kernel.`);
    return kernel.kernelFunc as unknown as KernelFunc;
  };
  const replace = (name: string, kernelFunc: KernelFunc): void => {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as never });
  };
  const identity = original('Identity');
  replace('Identity', (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype === 'string') return identity(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
  });

  const slice = original('Slice');
  /** Rows [r0, r0 + rows) and columns [c0, c0 + cols) of a matrix, copied from the WebAssembly memory directly. */
  const sliceMatrix = (backend: WasmBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo => {
    const [r0 = 0, c0 = 0] = begin;
    const [rows = 0, cols = 0] = size;
    const width = x.shape[1] as number;
    const out = backend.makeOutput([rows, cols], x.dtype);
    // Views taken after makeOutput: it may grow the memory, which moves every view of it.
    const from = backend.typedArrayFromHeap(x);
    const to = backend.typedArrayFromHeap(out);
    if (cols === width) to.set(from.subarray(r0 * width, (r0 + rows) * width));
    else for (let r = 0; r < rows; r++) to.set(from.subarray((r0 + r) * width + c0, (r0 + r) * width + c0 + cols), r * cols);
    return out;
  };
  replace('Slice', (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype === 'string' || x.shape.length !== 2) return slice(args);
    const [begin = [], size = []] = tf.slice_util.parseSliceParams(x as never, args.attrs['begin'] as number[], args.attrs['size'] as number[]);
    return sliceMatrix(args.backend, x, begin, size);
  });
  const splitV = original('SplitV');
  replace('SplitV', (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype === 'string' || x.shape.length !== 2) return splitV(args);
    const axis = tf.util.parseAxisParam(args.attrs['axis'] as number, x.shape)[0] as number;
    const sizes = tf.backend_util.prepareSplitSize(x as never, args.attrs['numOrSizeSplits'] as number[] | number, axis);
    let at = 0;
    return sizes.map((s) => {
      const begin = axis === 0 ? [at, 0] : [0, at];
      const size = axis === 0 ? [s, x.shape[1] as number] : [x.shape[0] as number, s];
      at += s;
      return sliceMatrix(args.backend, x, begin, size);
    });
  });
}

type TensorInfo = { dataId: object; shape: number[]; dtype: 'float32' | 'int32' | 'bool' | 'complex64' | 'string' };
type WasmBackend = {
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: TensorInfo['dtype']): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
};
type KernelFunc = (args: { inputs: Record<string, TensorInfo>; attrs: Record<string, unknown>; backend: WasmBackend }) => TensorInfo | TensorInfo[];
type TfTensor = ReturnType<Tf['tensor']>;

/**
 * A matrix transposed: the same numbers as tf.transpose, faster where the WebAssembly kernel is slow. That kernel reads
 * the input in order and writes the output a row's length apart, and when the input has a multiple of 128 rows those
 * writes fall on the same few cache sets: a critic's 256 × 3,080 weights took 3.5 ms, its 3,080 × 256 transpose 0.3 ms
 * (measured here). The same transpose as a three-dimensional one ([2, rows/2, cols] → [cols, 2, rows/2]) runs the
 * kernel's other loop, which writes in order and reads a row's length apart: 0.5 ms. Its gradient is the transpose of
 * the gradient, chosen the same way (differentiable again, for the GAN's gradient penalty).
 */
export function transpose2d(tf: Tf, x: TfTensor): TfTensor {
  const [rows, cols] = x.shape as [number, number];
  if (!writesAlias(tf, rows, cols)) return tf.transpose(x);
  let op = splitTransposes.get(tf);
  if (!op) {
    op = tf.customGrad((...args: Array<TfTensor | GradSave>) => {
      const input = args[0] as TfTensor;
      const [r, c] = input.shape as [number, number];
      return {
        value: tf.reshape(tf.transpose(tf.reshape(input, [2, r / 2, c]), [2, 0, 1]), [c, r]),
        gradFunc: (dy: TfTensor) => transpose2d(tf, dy),
      };
    }) as (input: TfTensor) => TfTensor;
    splitTransposes.set(tf, op);
  }
  return op(x);
}

type GradSave = TfTypes.GradSaveFunc;
const splitTransposes = new WeakMap<Tf, (input: TfTensor) => TfTensor>();

/** Whether the WebAssembly transpose of a rows × cols matrix writes a row's length apart onto the same cache sets. */
export function writesAlias(tf: Tf, rows: number, cols: number): boolean {
  return tf.getBackend() === 'wasm' && rows % 128 === 0 && rows * cols >= 32_768;
}
