import { i18n } from '../i18n';
import { ApiError } from './api-error';
import type { Transport } from './transport';

/** A file the engine can read: its path on this computer. */
export type ChosenFile = { path: string; name: string; sizeBytes: number };

/** The file types the importer reads, for the file picker's `accept`. */
export const IMPORTABLE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gz', '.xlsx', '.jsonl', '.ndjson'] as const;

export const UPLOAD_PATH = '/upload';
export const EXPORTS_PATH = '/exports/';

/**
 * Whether a file picked in the page (picker or drop) can be handed to the engine. The browser mode uploads it
 * to the loopback host; the desktop app will use a native dialog instead, and until then takes a typed path.
 */
export const canChooseFiles = (transport: Transport): boolean => transport.kind === 'browser';

/**
 * Turns a file the user picked into a path the engine can read. Browser mode: the bytes go to the host's
 * `/upload` (same origin, the session cookie authenticates), which answers with the stored file's path.
 */
export async function chooseFile(transport: Transport, file: File, signal?: AbortSignal): Promise<ChosenFile> {
  if (!canChooseFiles(transport)) throw new ApiError('bad-input', i18n.t('importWizard.file.uploadUnavailable'));
  let response: Response;
  try {
    response = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream' },
      signal,
    });
  } catch (error) {
    throw new ApiError('engine-unavailable', i18n.t('importWizard.file.uploadFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
  if (!response.ok) {
    const reason = uploadRefusal(await response.text().catch(() => '')) || `HTTP ${response.status}`;
    throw new ApiError(response.status === 413 ? 'bad-input' : 'internal', i18n.t('importWizard.file.uploadFailed', { reason }));
  }
  const body = (await response.json()) as Partial<ChosenFile>;
  if (typeof body.path !== 'string') throw new ApiError('internal', i18n.t('importWizard.file.uploadFailed', { reason: 'no path in the answer' }));
  return { path: body.path, name: typeof body.name === 'string' ? body.name : file.name, sizeBytes: Number(body.sizeBytes ?? file.size) };
}

/** The host's reason for refusing an upload: the message of its JSON error (a file over the size limit), else the text. */
function uploadRefusal(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message : text;
  } catch {
    return text;
  }
}

/** Where the browser mode serves a finished export for download; null in the desktop app (it has the file). */
export const exportDownloadUrl = (transport: Transport, fileName: string): string | null =>
  transport.kind === 'browser' ? `${EXPORTS_PATH}${encodeURIComponent(fileName)}` : null;
