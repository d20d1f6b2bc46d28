import { i18n } from '../i18n';
import { ApiError } from './api-error';
import type { FileChoicePurpose } from '../../../shared/ipc-names';
import type { Transport } from './transport';

/** A file the user chose: the handle requests carry (never its path), and its name to show. */
export type ChosenFile = { handle: string; name: string; sizeBytes: number | null };

/** The file types the importer reads, for the file picker's `accept`. */
export const IMPORTABLE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gz', '.xlsx', '.jsonl', '.ndjson'] as const;

export const UPLOAD_PATH = '/upload';
export const EXPORTS_PATH = '/exports/';

/**
 * Whether a file picked in the page (picker or drop) can be handed to the engine: the browser mode uploads it to
 * the loopback host. The desktop app uses the system's dialog instead (`chooseWithDialog`).
 */
export const canChooseFiles = (transport: Transport): boolean => transport.kind === 'browser';

/**
 * Turns a file the user picked into a handle the engine can read. Browser mode: the bytes go to the host's
 * `/upload` (same origin, the session cookie authenticates), which stores them in the workspace's `incoming/`
 * and answers with a handle to them.
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
  if (typeof body.handle !== 'string') throw new ApiError('internal', i18n.t('importWizard.file.uploadFailed', { reason: 'no file handle in the answer' }));
  return { handle: body.handle, name: typeof body.name === 'string' ? body.name : file.name, sizeBytes: Number(body.sizeBytes ?? file.size) };
}

/**
 * Desktop: main shows the system's open or save dialog for `purpose` and answers a handle to the chosen file (the
 * page never sees its path); null when the user cancelled.
 */
export async function chooseWithDialog(transport: Transport, purpose: FileChoicePurpose, suggestedName?: string): Promise<ChosenFile | null> {
  if (!transport.chooseFile) throw new ApiError('bad-input', i18n.t('importWizard.file.uploadFailed', { reason: 'no file dialog here' }));
  const chosen = await transport.chooseFile(purpose, suggestedName);
  return chosen ? { ...chosen, sizeBytes: null } : null;
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
