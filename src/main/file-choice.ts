import type { IpcMain, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { Envelope } from '../shared/errors';
import { chosenFileSchema, type ChosenFileHandle, type FileUse } from '../shared/file-schemas';
import { FILE_CHOICE_PURPOSES, IPC_CHOOSE_FILE, type FileChoicePurpose } from '../shared/ipc-names';
import type { EngineSupervisor } from './engine-supervisor';
import { senderProblem, type AppWindow, type InvokeSender } from './ipc';

/**
 * Paths on the desktop come only from main's own dialogs. The page asks for a dialog by purpose; main shows it,
 * registers the chosen path with the engine (a main-to-engine message, not a contract channel) and gives the page
 * only the handle and the file's name. A path never travels from the page to the engine.
 */

export type DialogPlan =
  | { kind: 'open'; use: FileUse; options: OpenDialogOptions }
  | { kind: 'save'; use: FileUse; options: SaveDialogOptions };

const dataFiles = { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'gz', 'xlsx', 'jsonl', 'ndjson'] };

/** A suggested file name for a save dialog: its last part only, plain characters, or none. */
export function safeSuggestedName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const last = name.split(/[\\/]/).pop() ?? '';
  const plain = last.replace(/[^\p{L}\p{N} ._-]+/gu, '_').replace(/^\.+/, '').slice(0, 120);
  return plain === '' ? undefined : plain;
}

/** The dialog main shows for a purpose, and what the chosen path may be used for. */
export function dialogPlan(purpose: FileChoicePurpose, suggestedName?: string): DialogPlan {
  switch (purpose) {
    case 'import':
      return { kind: 'open', use: 'read', options: { title: 'Choose a file to import', properties: ['openFile'], filters: [dataFiles, { name: 'All files', extensions: ['*'] }] } };
    case 'table':
      return { kind: 'open', use: 'read', options: { title: 'Choose a table (CSV)', properties: ['openFile'], filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] } };
    case 'model':
      return { kind: 'open', use: 'read', options: { title: 'Choose a language model (GGUF)', properties: ['openFile'], filters: [{ name: 'GGUF model', extensions: ['gguf'] }] } };
    case 'workspace':
      return { kind: 'open', use: 'workspace', options: { title: 'Open or create a workspace folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] } };
    case 'export-folder':
      return { kind: 'open', use: 'folder', options: { title: 'Choose an empty folder for the export', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] } };
    case 'export-csv': {
      const name = safeSuggestedName(suggestedName);
      return { kind: 'save', use: 'write', options: { title: 'Save the export as', filters: [{ name: 'CSV', extensions: ['csv'] }], ...(name ? { defaultPath: name } : {}) } };
    }
  }
}

export type FileChoiceDeps = {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  showOpen(window: AppWindow, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSave(window: AppWindow, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  engine: Pick<EngineSupervisor, 'grantFile'>;
  window: () => AppWindow | null;
  isAppPage: (url: string) => boolean;
  log?: (line: string) => void;
};

const isPurpose = (value: unknown): value is FileChoicePurpose => typeof value === 'string' && (FILE_CHOICE_PURPOSES as readonly string[]).includes(value);

/** Shows the dialog a request from our page asks for; the envelope holds the handle and name, or null when cancelled. */
export async function handleChooseFile(deps: FileChoiceDeps, event: InvokeSender, purpose: unknown, suggestedName: unknown): Promise<Envelope<ChosenFileHandle | null>> {
  const log = deps.log ?? ((line: string) => console.warn(`[file-choice] ${line}`));
  try {
    const window = deps.window();
    const problem = senderProblem(event, window, deps.isAppPage);
    if (problem || !window) {
      log(`refused a file dialog: ${problem ?? 'no window'}`);
      return { ok: false, error: { code: 'bad-input', message: 'This request did not come from the Localyst window, so it was refused.' } };
    }
    if (!isPurpose(purpose)) return { ok: false, error: { code: 'bad-input', message: 'There is no such file dialog.' } };
    const plan = dialogPlan(purpose, typeof suggestedName === 'string' ? suggestedName : undefined);
    const file = plan.kind === 'open' ? await pickOpen(deps, window, plan.options) : await pickSave(deps, window, plan.options);
    if (file === null) return { ok: true, value: null };
    const granted = await deps.engine.grantFile(file, plan.use);
    if (!granted.ok) return granted;
    // Only the handle and the name go back to the page, whatever else the answer held.
    const chosen = chosenFileSchema.parse(granted.value);
    return { ok: true, value: { handle: chosen.handle, name: chosen.name } };
  } catch (error) {
    log(`a file dialog failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'Localyst could not show the file dialog. The details are in the log.' } };
  }
}

async function pickOpen(deps: FileChoiceDeps, window: AppWindow, options: OpenDialogOptions): Promise<string | null> {
  const picked = await deps.showOpen(window, options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}

async function pickSave(deps: FileChoiceDeps, window: AppWindow, options: SaveDialogOptions): Promise<string | null> {
  const picked = await deps.showSave(window, options);
  return picked.canceled || !picked.filePath ? null : picked.filePath;
}

/** Registers the dialog handler; returns the function that removes it. */
export function registerFileChoice(deps: FileChoiceDeps): () => void {
  deps.ipcMain.handle(IPC_CHOOSE_FILE, (event, purpose: unknown, suggestedName: unknown) => handleChooseFile(deps, event, purpose, suggestedName));
  return () => deps.ipcMain.removeHandler(IPC_CHOOSE_FILE);
}
