import { Transform } from 'node:stream';
import { limitExceeded, sizeText, type ReadLimits } from './limits';

const QUOTE = 34;
const NEWLINE = 10;

/**
 * Passes text through unchanged, following CSV quoting (`delimiter`; null for JSON lines, which have no quoted
 * newlines) to stop at a record longer than `limits.lineChars`: an unclosed quote makes the rest of the file one
 * record, which a CSV parser would hold in memory. The error names the record's row as the parser numbers it
 * (blank lines are not counted).
 */
export function lineCap(file: string, delimiter: string | null, limits: ReadLimits): Transform {
  const delim = delimiter === null ? -1 : delimiter.charCodeAt(0);
  const quoting = delimiter !== null;
  // 0 outside quotes, 1 inside, 2 just after a quote inside quotes (a second one is an escaped quote).
  let state = 0;
  let fieldStart = true;
  // Characters of the current record in earlier chunks.
  let carried = 0;
  let lineHasText = false;
  let rows = 0;
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _enc, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const tooLong = (): Error => {
        const why = state === 0 ? '' : ' It may have a quote (") that is never closed.';
        return limitExceeded(file, 'lineChars', `a line is longer than ${sizeText(limits.lineChars, 'characters')}, the most one line may hold.${why}`, { row: rows + 1 });
      };
      let start = 0;
      for (let i = 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        if (state === 2) {
          if (c === QUOTE) {
            state = 1;
            continue;
          }
          state = 0;
        }
        if (state === 1) {
          if (c === QUOTE) state = 2;
          continue;
        }
        if (c === NEWLINE) {
          if (carried + i - start > limits.lineChars) return done(tooLong());
          if (lineHasText) rows += 1;
          carried = 0;
          start = i + 1;
          lineHasText = false;
          fieldStart = true;
          continue;
        }
        if (quoting && c === QUOTE && fieldStart) state = 1;
        fieldStart = c === delim;
        // Papa skips lines of only blanks and delimiters: they get no row number.
        if (!fieldStart && c !== 13 && c !== 32 && c !== 9) lineHasText = true;
      }
      carried += text.length - start;
      if (carried > limits.lineChars) return done(tooLong());
      done(null, text);
    },
  });
}
