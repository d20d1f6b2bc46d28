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

