import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import { limitExceeded, sizeText, type ReadLimits } from './limits';

// ExcelJS's streaming reader unpacks every part of the workbook and keeps every shared string, with no limit: a
// small file can unpack to gigabytes. This reader is ExcelJS's own `parse()` (exceljs 4.4) with the parts'
// unpacked sizes and the shared strings counted, so such a file stops at a limit instead of filling memory or disk.
// It reuses ExcelJS's zip parser and stream helper so rows come out exactly as before.
// ExcelJS is loaded on first use: it takes longer to load than a CSV of thousands of rows takes to read, and the
// worker that reads a big CSV import starts without it.
const requireHere = createRequire(import.meta.url);

type ZipEntry = Readable & { path: string; autodrain(): unknown };
type SharedText = string | { richText: Array<{ text: string | null }> } | null;

/** The parts of ExcelJS's WorkbookReader this class drives (untyped in its declarations). */
type ReaderInternals = {
  options: { sharedStrings: 'cache' | 'emit' | 'ignore' };
  sharedStrings?: SharedText[];
  workbookRels?: unknown;
  model?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<{ index: number; text: SharedText }>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
};

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

export type WorkbookOptions = { sharedStrings: boolean; styles: boolean };

/** A streaming workbook reader whose worksheets (async iterable) come out within `limits`. */
export function openWorkbook(file: string, limits: ReadLimits, options: WorkbookOptions): AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> {
  readerClass ??= defineReader();
  return new readerClass(file, limits, options);
}

type ReaderClass = new (file: string, limits: ReadLimits, want: WorkbookOptions) => ExcelJS.stream.xlsx.WorkbookReader;
let readerClass: ReaderClass | null = null;

function defineReader(): ReaderClass {
  const excel = requireHere('exceljs') as typeof ExcelJS;
  const requireFromExcelJs = createRequire(requireHere.resolve('exceljs'));
  const unzipper = requireFromExcelJs('unzipper') as { Parse(options: { forceStream: boolean }): NodeJS.ReadWriteStream & Readable };
  const iterateStream = requireFromExcelJs('exceljs/lib/utils/iterate-stream') as (stream: Readable) => AsyncIterable<unknown>;

  return class BoundedWorkbookReader extends excel.stream.xlsx.WorkbookReader {
    constructor(
      private readonly file: string,
      private readonly limits: ReadLimits,
      private readonly want: WorkbookOptions,
    ) {
      super(file, { sharedStrings: want.sharedStrings ? 'emit' : 'ignore', styles: want.styles ? 'cache' : 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
    }

    // `any` in the signature is ExcelJS's own declaration of parse().
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override async *parse(): AsyncGenerator<any> {
      const self = this as unknown as ReaderInternals;
      // Without shared strings, worksheets need not wait for them in temporary files.
      if (!this.want.sharedStrings) self.sharedStrings = [];
      const source = fs.createReadStream(this.file);
      const zip = unzipper.Parse({ forceStream: true });
      let current: Readable | null = null;
      zip.on('error', (error: Error) => current?.destroy(error));
      source.on('error', (error) => zip.destroy(error));
      source.pipe(zip);
      const waiting: Array<{ sheetNo: string; file: string }> = [];
      let tempDir: string | null = null;
      try {
        for await (const item of iterateStream(zip)) {
          const entry = item as ZipEntry;
          const sheetNo = SHEET.exec(entry.path)?.[1];
          const known = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'].includes(entry.path);
          if (!known && sheetNo === undefined) {
            entry.autodrain();
            continue;
          }
          const body = entry.pipe(this.unpackCap(entry.path));
          current = body;
          if (entry.path === 'xl/_rels/workbook.xml.rels') await self._parseRels(body);
          else if (entry.path === 'xl/workbook.xml') await self._parseWorkbook(body);
          else if (entry.path === 'xl/styles.xml') await self._parseStyles(body);
          else if (entry.path === 'xl/sharedStrings.xml') await this.readSharedStrings(self, body);
          else if (sheetNo !== undefined && self.sharedStrings && self.workbookRels && self.model) {
            yield* self._parseWorksheet(iterateStream(body), sheetNo);
          } else if (sheetNo !== undefined) {
            tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-xlsx-'));
            const file = path.join(tempDir, `sheet${sheetNo}.xml`);
            await pipeline(body, fs.createWriteStream(file, { mode: 0o600 }));
            waiting.push({ sheetNo, file });
          }
          // A worksheet the caller skipped or left part-way: drop the reader's listener and let the rest run out.
          body.removeAllListeners('data');
          body.resume();
          current = null;
        }
        for (const { sheetNo, file } of waiting) yield* self._parseWorksheet(iterateStream(fs.createReadStream(file)), sheetNo);
      } finally {
        source.destroy();
        zip.destroy();
        if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      }
    }

    /** Passes a part of the zip through, counting its unpacked bytes. */
    private unpackCap(part: string): Transform {
      const { file, limits } = this;
      let seen = 0;
      return new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen <= limits.xlsxEntryBytes) return done(null, chunk);
          done(limitExceeded(file, 'xlsxEntryBytes', `the part ${part} of the workbook unpacks to more than ${sizeText(limits.xlsxEntryBytes, 'bytes')}, the most Localyst reads from one part.`));
        },
      });
    }

    private async readSharedStrings(self: ReaderInternals, body: Readable): Promise<void> {
      const { file, limits } = this;
      const strings: SharedText[] = [];
      let chars = 0;
      for await (const { index, text } of self._parseSharedStrings(body)) {
        const length = typeof text === 'string' ? text.length : text ? text.richText.reduce((sum, run) => sum + (run.text?.length ?? 0), 0) : 0;
        chars += length;
        if (length > limits.fieldChars) {
          throw limitExceeded(file, 'fieldChars', `shared string number ${index + 1} (the text of a cell) is longer than ${sizeText(limits.fieldChars, 'characters')}, the most one cell may hold.`);
        }
        if (strings.length >= limits.sharedStrings) {
          throw limitExceeded(file, 'sharedStrings', `the workbook holds more than ${sizeText(limits.sharedStrings, 'count')} distinct texts (shared strings), the most Localyst reads.`);
        }
        if (chars > limits.sharedStringChars) {
          throw limitExceeded(file, 'sharedStringChars', `the workbook's distinct texts (shared strings) together are longer than ${sizeText(limits.sharedStringChars, 'characters')}, the most Localyst reads.`);
        }
        strings.push(text);
      }
      self.sharedStrings = strings;
    }
  };
}
