import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { realFileInside, type Engine } from '../engine';
import type { Target } from './request-checks';
import { isAppOrigin } from './request-checks';
import { errorBody, refuse, sendJson, type HostLog } from './respond';

export const UPLOAD_PATH = '/upload';

/** The largest file the browser mode accepts unless `localyst serve --max-upload-mb` says otherwise. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export type UploadPlace = { engine: Pick<Engine, 'grantFile'>; workspaceDir: string; port: number; maxBytes: number; log: HostLog };

/**
 * The browser cannot hand the engine a file path, so the browser mode receives the chosen file into the
 * workspace's `incoming/` folder (streamed to disk, up to `maxBytes`) and answers with a handle to it (never its
 * path): the only files a request in the browser mode can have read are these uploads.
 * A POST must come from the app's own origin (a form on another site cannot send one). A refused or broken
 * upload leaves no file behind.
 */
export async function receiveUpload(place: UploadPlace, target: Target, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed');
  if (!isAppOrigin(req.headers.origin, place.port)) return refuse(res, 403, 'Forbidden: uploads come from the app only.');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > place.maxBytes) return refuseTooLarge(req, res, place.maxBytes, declared);

  const name = target.query.get('name') ?? 'upload';
  const safe = path.basename(name).replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'upload';
  // One folder per upload keeps the file's own name (shown in job titles and the import history).
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const dir = path.join(place.workspaceDir, 'incoming', `${stamp}-${randomBytes(3).toString('hex')}`);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, safe);
  const out = fs.createWriteStream(`${file}.part`, { flags: 'wx', mode: 0o600 });

  let size = 0;
  let settled = false;
  // Stops storing, removes the upload's folder once the file is closed (removing it earlier could race the
  // file's creation and leave it behind), then answers: when the answer arrives, nothing is left.
  const abandon = (answer: () => void): void => {
    if (settled) return;
    settled = true;
    req.unpipe(out);
    const remove = (): void => fs.rm(dir, { recursive: true, force: true }, () => answer());
    if (out.closed) remove();
    else {
      out.once('close', remove);
      out.destroy();
    }
  };
  const broken = (): void => {
    if (!res.headersSent) sendJson(res, 500, errorBody({ code: 'internal', message: 'The file could not be received.' }));
  };

  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > place.maxBytes) abandon(() => refuseTooLarge(req, res, place.maxBytes, null));
  });
  req.on('close', () => {
    if (!req.complete) abandon(() => undefined);
  });
  req.on('error', () => abandon(() => undefined));
  out.on('error', (error) => {
    place.log(`localyst serve: storing an upload failed: ${error.message}`);
    abandon(broken);
  });
  out.on('finish', () => {
    if (settled) return;
    fs.rename(`${file}.part`, file, (error) => {
      // Granted only when it is a plain file that really lies in incoming/ (no link leads out of it).
      const real = error ? null : realFileInside(path.join(place.workspaceDir, 'incoming'), file);
      if (real === null) return abandon(broken);
      settled = true;
      const { handle, name: grantedName } = place.engine.grantFile(real, 'read');
      sendJson(res, 200, { handle, name: grantedName, sizeBytes: size });
    });
  });
  req.pipe(out);
}

/**
 * 413 with a JSON error, then the connection closes. The rest of the body is read and dropped for a moment so
 * the browser sees this answer rather than a reset connection.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number, declared: number | null): void {
  const size = declared === null ? 'larger than' : `${formatBytes(declared)}, over`;
  const message = `The file is ${size} the browser mode's upload limit of ${formatBytes(maxBytes)}. Start \`localyst serve --max-upload-mb <MB>\` with a higher limit, or use the command line: \`localyst import FILE\` for data, \`localyst copy generate --engine llm --model FILE\` for a language model.`;
  sendJson(res, 413, errorBody({ code: 'bad-input', message, details: { field: 'file' } }), { Connection: 'close' });
  req.resume();
  const linger = setTimeout(() => req.socket.destroy(), 2_000);
  linger.unref();
  req.socket.once('close', () => clearTimeout(linger));
}

/** 4 KB, 2 GB, 1.5 GB: binary units, as file managers show sizes. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
