import fs from 'node:fs';
import path from 'node:path';
import { TEST_DATA } from '../data-paths';

/**
 * The UCI Sentiment Labelled Sentences (Amazon, IMDb, Yelp; 1,000 each): `sentence<TAB>label` lines, read without
 * CSV quoting because the files hold unbalanced quote characters.
 */
export function readLabelledSentences(): { texts: string[]; labels: Uint8Array } {
  const texts: string[] = [];
  const labels: number[] = [];
  for (const source of ['amazon_cells', 'imdb', 'yelp']) {
    const file = path.join(TEST_DATA, 'sentiment-labelled', `${source}_labelled.txt`);
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const match = /^(.*)\t([01])\s*$/.exec(line);
      if (match) {
        texts.push((match[1] as string).trim());
        labels.push(Number(match[2]));
      }
    }
  }
  return { texts, labels: Uint8Array.from(labels) };
}
