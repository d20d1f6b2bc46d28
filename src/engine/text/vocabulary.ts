import { AppError } from '../../shared/errors';

/**
 * The vocabulary of a text model (learned from its training texts only) and the sparse rows it turns texts into,
 * weighted either by TF-IDF or by naive-Bayes log-count ratios (Wang & Manning 2012).
 */

export type Weighting = 'tfidf' | 'nb';

export type Vocabulary = {
  terms: string[];
  /** Per term: the inverse document frequency (tfidf) or the log-count ratio r (nb). */
  scale: number[];
  weighting: Weighting;
};

/** Rows of a sparse matrix (CSR): row r holds ids[start[r]..start[r+1]) with their values. */
export type SparseRows = { rows: number; start: Int32Array; ids: Int32Array; values: Float32Array };

export type VocabularyOptions = { weighting: Weighting; minDf: number; maxTerms: number; nbAlpha: number };

export const defaultVocabulary: Omit<VocabularyOptions, 'weighting'> = { minDf: 1, maxTerms: 200_000, nbAlpha: 1 };

/** Distinct terms of each document with their counts. */
function counted(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Learns the vocabulary and its weights from training documents (their terms) and 0/1 labels. */
export function fitVocabulary(docs: readonly (readonly string[])[], y: Uint8Array, options: VocabularyOptions): Vocabulary {
  const df = new Map<string, number>();
  const dfPositive = new Map<string, number>();
  for (let d = 0; d < docs.length; d++) {
    for (const term of counted(docs[d] as string[]).keys()) {
      df.set(term, (df.get(term) ?? 0) + 1);
      if (y[d] === 1) dfPositive.set(term, (dfPositive.get(term) ?? 0) + 1);
    }
  }
  const kept = [...df.entries()].filter(([, count]) => count >= options.minDf);
  // Most frequent first; ties by spelling so that one seed gives one vocabulary.
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = kept.slice(0, options.maxTerms).map(([term]) => term);
  if (terms.length === 0) throw new AppError('bad-input', 'The texts hold no words to learn from.', { field: 'text' });
  const n = docs.length;
  let scale: number[];
  if (options.weighting === 'tfidf') {
    scale = terms.map((t) => Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
  } else {
    const positives = y.reduce((s, v) => s + v, 0);
    const negatives = n - positives;
    const a = options.nbAlpha;
    // r = log((p / |p|₁) / (q / |q|₁)) over binarised counts, with |p|₁ taken over the kept terms.
    let pTotal = 0;
    let qTotal = 0;
    const p = terms.map((t) => dfPositive.get(t) ?? 0);
    const q = terms.map((t, i) => (df.get(t) ?? 0) - (p[i] as number));
    p.forEach((v) => (pTotal += v + a));
    q.forEach((v) => (qTotal += v + a));
    scale = terms.map((_, i) => Math.log(((p[i] as number) + a) / pTotal) - Math.log(((q[i] as number) + a) / qTotal));
    if (positives === 0 || negatives === 0) scale = scale.map(() => 0);
  }
  return { terms, scale, weighting: options.weighting };
}

const indexes = new WeakMap<Vocabulary, Map<string, number>>();

/** An index from term to its position, built once per vocabulary object (scoring in batches reuses it). */
export function termIndex(vocabulary: Vocabulary): Map<string, number> {
  let index = indexes.get(vocabulary);
  if (!index) {
    index = new Map(vocabulary.terms.map((t, i) => [t, i]));
    indexes.set(vocabulary, index);
  }
  return index;
}

/**
 * Sparse rows of documents: tfidf uses sublinear term frequency (1 + ln tf) × idf, nb the term's presence × r;
 * every row is scaled to unit length so that long and short reviews weigh alike. Unknown terms are ignored.
 */
export function vectorise(docs: readonly (readonly string[])[], vocabulary: Vocabulary, index: Map<string, number>): SparseRows {
  const start = new Int32Array(docs.length + 1);
  const ids: number[] = [];
  const values: number[] = [];
  for (let d = 0; d < docs.length; d++) {
    const from = ids.length;
    for (const [term, count] of counted(docs[d] as string[])) {
      const id = index.get(term);
      if (id === undefined) continue;
      const s = vocabulary.scale[id] as number;
      const v = vocabulary.weighting === 'tfidf' ? (1 + Math.log(count)) * s : s;
      if (v === 0) continue;
      ids.push(id);
      values.push(v);
    }
    let norm = 0;
    for (let i = from; i < values.length; i++) norm += (values[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = from; i < values.length; i++) values[i] = (values[i] as number) / norm;
    start[d + 1] = ids.length;
  }
  return { rows: docs.length, start, ids: Int32Array.from(ids), values: Float32Array.from(values) };
}

/** The rows at the given positions of a sparse matrix. */
export function sliceRows(matrix: SparseRows, rows: ArrayLike<number>): SparseRows {
  const start = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    nnz += (matrix.start[r + 1] as number) - (matrix.start[r] as number);
    start[i + 1] = nnz;
  }
  const ids = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    const from = matrix.start[r] as number;
    const to = matrix.start[r + 1] as number;
    ids.set(matrix.ids.subarray(from, to), start[i] as number);
    values.set(matrix.values.subarray(from, to), start[i] as number);
  }
  return { rows: rows.length, start, ids, values };
}
