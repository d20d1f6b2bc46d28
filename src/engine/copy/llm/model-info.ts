import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { LlmModelInfo } from '../../../shared/copy-schemas';
import { guardModelFile, ggufString, ggufUint32 } from './gguf-header';

/** SHA-256 of a file, streamed in 4 MiB chunks (model files are gigabytes). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What Settings shows about a GGUF model file: its header is checked first, then the whole file is hashed. */
export async function inspectModel(file: string): Promise<LlmModelInfo> {
  const absolute = path.resolve(file);
  const header = await guardModelFile(absolute);
  const architecture = ggufString(header, 'general.architecture') ?? 'unknown';
  return {
    path: absolute,
    name: ggufString(header, 'general.name')?.trim() || path.basename(absolute).replace(/\.gguf$/i, ''),
    architecture,
    sizeBytes: header.sizeBytes,
    sha256: await sha256OfFile(absolute),
    contextLength: ggufUint32(header, `${architecture}.context_length`),
    parameters: ggufString(header, 'general.size_label')?.trim() || null,
  };
}
