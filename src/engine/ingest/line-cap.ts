import { Transform } from 'node:stream';
import { limitExceeded, sizeText, type ReadLimits } from './limits';

const QUOTE = 34;
const NEWLINE = 10;

/**
 * Passes text through unchanged, following CSV quoting (`delimiter`; null for JSON lines, which have no quoted
 * newlines) to stop at a record longer than `limits.lineChars`: an unclosed quote makes the rest of the file one
 * record, which a CSV parser would hold in memory. The error names the record's row as the parser numbers it
 * (lines of only blanks and delimiters, which it skips, are not counted). It jumps from quote to newline with
 * indexOf, so it costs little beside the parse.
 */
export function lineCap(file: string, delimiter: string | null, limits: ReadLimits): Transform {
  const delim = delimiter === null ? -1 : delimiter.charCodeAt(0);
  const quoting = delimiter !== null;
  // Whether text[from, to) has a character that makes a line count as a row (Papa skips lines of only blanks and
  // delimiters). A loop over character codes: a regular expression per line made garbage for every line.
  const hasContent = (text: string, from: number, to: number): boolean => {
    for (let k = from; k < to; k += 1) {
      const code = text.charCodeAt(k);
      if (code !== 13 && code !== NEWLINE && code !== 32 && code !== 9 && code !== delim) return true;
    }
    return false;
  };
  // 0 outside quotes, 1 inside, 2 just after a quote inside quotes at the end of a chunk (a second one escapes it).
  let state = 0;
  // Characters of the current record in earlier chunks, and the last character before this chunk.
  let carried = 0;
  let before = NEWLINE;
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
      const end = text.length;
      let start = 0; // where the current record starts in this chunk
      let i = 0;
      let quote = quoting ? -2 : -1; // the next quote at or after i (-1: none left, -2: not looked up)
      if (state === 2) {
        state = end > 0 && text.charCodeAt(0) === QUOTE ? 1 : 0;
        if (state === 1) i = 1;
      }
      while (i < end) {
        if (state === 1) {
          const q = text.indexOf('"', i);
          if (q < 0) break;
          if (q + 1 === end) {
            state = 2;
            i = end;
          } else if (text.charCodeAt(q + 1) === QUOTE) i = q + 2;
          else {
            state = 0;
            i = q + 1;
          }
          quote = -2;
          continue;
        }
        const newline = text.indexOf('\n', i);
        if (quote === -2 || (quote >= 0 && quote < i)) quote = text.indexOf('"', i);
        if (quote >= 0 && (newline < 0 || quote < newline)) {
          // A quote opens a quoted field only at the start of a field; elsewhere it is a plain character.
          const previous = quote === 0 ? before : text.charCodeAt(quote - 1);
          i = quote + 1;
          if (previous === delim || previous === NEWLINE || (quote === start && carried === 0)) {
            state = 1;
            lineHasText = true;
          }
          continue;
        }
        if (newline < 0) break;
        if (carried + newline - start > limits.lineChars) return done(tooLong());
        if (!lineHasText) lineHasText = hasContent(text, start, newline);
        if (lineHasText) rows += 1;
        carried = 0;
        lineHasText = false;
        start = newline + 1;
        i = start;
      }
      if (!lineHasText && state === 0 && start < end) lineHasText = hasContent(text, start, end);
      carried += end - start;
      if (end > 0) before = text.charCodeAt(end - 1);
      if (carried > limits.lineChars) return done(tooLong());
      done(null, text);
    },
  });
}
