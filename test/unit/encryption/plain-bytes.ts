import fs from 'node:fs';
import path from 'node:path';

/** Every file under `dir` (recursively) with its bytes. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out.sort();
}

/** Which of `needles` appear in any file under `dir`, as UTF-8/Latin-1 bytes or as UTF-16 (both byte orders). */
export function plainHits(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      // A -shm or -journal removed by a connection closing meanwhile: nothing left to read.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const needle of needles) {
      const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(needle, 'utf16le').swap16()];
      if (forms.some((form) => bytes.includes(form))) hits.push(`${path.relative(dir, file)}: ${needle}`);
    }
  }
  return hits;
}


/**
 * Waits until a closed workspace's folder is still: no -wal or -shm left (a background reader's connection closes a
 * moment after the engine's, and the last connection to close checkpoints) and the same bytes twice in a row.
 */
export async function settled(dir: string, timeoutMs = 10_000): Promise<void> {
  const snapshot = (): string => filesUnder(dir).map((file) => { try { return `${file}:${fs.statSync(file).size}:${fs.statSync(file).mtimeMs}`; } catch { return file; } }).join('|');
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    const now = snapshot();
    if (now === last && !/-(wal|shm)(:|$)/m.test(now.replace(/\|/g, '\n'))) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
