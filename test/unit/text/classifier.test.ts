import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { scoreTexts, trainTextClassifier, type TextTrainResult } from '../../../src/engine/text/classifier';
import { markNegation, textTerms, words } from '../../../src/engine/text/tokenise';
import { readLabelledSentences } from './sentences';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

describe('tokenise', () => {
  it('opens contractions and marks the words a negation governs, up to punctuation or "but"', () => {
    expect(words("Didn't LOVE it!!!")).toEqual(['did', 'not', 'love', 'it', '!', '!', '!']);
    expect(markNegation(words('not good at all, but cheap'))).toEqual(['not', 'good~not', 'at~not', 'all~not', ',', 'but', 'cheap']);
    expect(markNegation(words('never again'))).toEqual(['never', 'again~not']);
  });

  it('gives "not good" terms that "good" does not have, and keeps the phrase as a bigram', () => {
    const good = textTerms('good');
    const notGood = textTerms('not good');
    expect(good).toContain('w:good');
    expect(notGood).not.toContain('w:good');
    expect(notGood).toEqual(expect.arrayContaining(['w:good~not', 'w:not good']));
    expect(textTerms('very good')).toContain('w:very good');
    expect(textTerms('Never again.')).toContain('w:never again');
  });
});

describe('text classifier on the UCI sentiment sentences (3,000, 10-fold)', () => {
  let result: TextTrainResult;
  beforeAll(async () => {
    const { texts, labels } = readLabelledSentences();
    expect(texts.length).toBe(3000);
    // Fewer epochs than the default to keep the test quick; the bar is the same as the published reference.
    result = await trainTextClassifier(tf, texts, labels, { folds: 10, seed: 1, candidates: ['nb-logistic'], linear: { epochs: 4 } });
  }, 120_000);

  it('reaches the accuracy of TF-IDF + logistic regression (0.840) and its AUC (0.919)', () => {
    expect(result.folds).toHaveLength(10);
    expect(result.folds.reduce((s, f) => s + f.rows, 0)).toBe(3000);
    expect(result.accuracyMean).toBeGreaterThanOrEqual(0.84);
    expect(result.aucMean).toBeGreaterThanOrEqual(0.91);
    expect(result.model).toBe('nb-logistic');
    expect(result.positives).toBe(1500);
  });

  it('reads negation: "not good" scores below "good", "never again" is negative', () => {
    const [good, notGood, neverAgain, veryGood] = scoreTexts(result.artifact, ['The food was good.', 'The food was not good.', 'Never again.', 'The food was very good.']) as unknown as number[];
    expect(good).toBeGreaterThan(0.6);
    expect(notGood).toBeLessThan(0.5);
    expect(neverAgain).toBeLessThan(0.5);
    expect(veryGood).toBeGreaterThan(good as number);
  });
});

describe('model choice', () => {
  it('cross-validates both linear models on the same folds and keeps the more accurate one', async () => {
    const { texts, labels } = readLabelledSentences();
    const rows = Array.from({ length: 600 }, (_, i) => i * 5);
    const result = await trainTextClassifier(
      tf,
      rows.map((r) => texts[r] as string),
      Uint8Array.from(rows, (r) => labels[r] as number),
      { folds: 3, seed: 7, linear: { epochs: 3 } },
    );
    expect(result.candidates.map((c) => c.model)).toEqual(['nb-logistic', 'tfidf-logistic']);
    const best = Math.max(...result.candidates.map((c) => c.accuracyMean));
    expect(result.accuracyMean).toBe(best);
    expect(result.artifact.kind).toBe(result.model);
    expect(result.candidates.every((c) => c.folds.map((f) => f.rows).join() === result.folds.map((f) => f.rows).join())).toBe(true);
  }, 60_000);
});
