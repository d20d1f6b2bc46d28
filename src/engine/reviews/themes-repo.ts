import type { Db } from '../kernel/workspace';

/** The SQL of the themes analysis: reading reviews with their product and score, and replacing the themes. */

export type ReviewForThemes = { id: number; title: string | null; body: string | null; product: string | null; score: number | null };
export type ThemeToWrite = { phrase: string; kind: 'aspect' | 'phrase'; mentions: Array<{ reviewId: number; quote: string; score: number }> };

const BATCH = 2_000;

/** Every review in id order, in batches, with its product's name and its sentiment score (null when not analysed). */
export async function* readReviewsForThemes(db: Db): AsyncGenerator<ReviewForThemes[]> {
  const read = db.prepare(
    `SELECT v.id, v.title, v.body, p.name AS product, s.score
       FROM reviews v LEFT JOIN products p ON p.id = v.product_id LEFT JOIN review_sentiment s ON s.review_id = v.id
      WHERE v.id > ? ORDER BY v.id LIMIT ?`,
  );
  let last = 0;
  for (;;) {
    const rows = read.all(last, BATCH) as ReviewForThemes[];
    if (rows.length === 0) return;
    last = rows[rows.length - 1]!.id;
    yield rows;
  }
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Replaces every theme and mention (the caller holds the transaction). */
export function writeThemes(db: Db, themes: ThemeToWrite[]): { themes: number; mentions: number } {
  db.exec('DELETE FROM review_theme_mentions; DELETE FROM review_themes;');
  const now = new Date().toISOString();
  const theme = db.prepare('INSERT INTO review_themes (phrase, kind, mentions, sentiment, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (phrase) DO NOTHING RETURNING id');
  const mention = db.prepare('INSERT OR IGNORE INTO review_theme_mentions (theme_id, review_id, quote, score) VALUES (?, ?, ?, ?)');
  let written = 0;
  let mentions = 0;
  for (const t of themes) {
    const row = theme.get(t.phrase, t.kind, t.mentions.length, mean(t.mentions.map((m) => m.score)), now) as { id: number } | undefined;
    // Two lemma keys can share a wording ("runs small" from "run small" and "runs small"): the first, more frequent, wins.
    if (row === undefined) continue;
    written += 1;
    for (const m of t.mentions) mentions += mention.run(row.id, m.reviewId, m.quote, m.score).changes;
  }
  return { themes: written, mentions };
}
