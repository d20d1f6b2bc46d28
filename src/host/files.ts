import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { isPlainFileName, realFileInside } from '../engine';
import { refuse, type HostLog } from './respond';

export const EXPORTS_PATH = '/exports/';

export const HOST_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/** The built renderer's files; `pathname` is already decoded. */
export async function serveStatic(root: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse, log: HostLog): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
  const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) return refuse(res, 404, 'Not found');
  const stat = await statFile(file);
  if (!stat) return refuse(res, 404, 'Not found');
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': stat.size,
    'Content-Security-Policy': HOST_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
  });
  if (req.method === 'HEAD') return void res.end();
  streamFile(file, res, log);
}

/** Exported files (customer lists, audiences) from the workspace's `exports/` folder, as downloads. */
export async function serveExport(workspaceDir: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse, log: HostLog): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, 'Method not allowed');
  const root = path.join(workspaceDir, 'exports');
  const name = pathname.slice(EXPORTS_PATH.length);
  // A plain name of a file that really lies in exports/: no subfolders, no `..`, no link out.
  const file = isPlainFileName(name) ? realFileInside(root, path.join(root, name)) : null;
  if (file === null) return refuse(res, 404, 'Not found');
  const stat = await statFile(file);
  if (!stat) return refuse(res, 404, 'Not found');
  res.writeHead(200, {
    'Content-Type': name.endsWith('.json') ? 'application/json' : 'text/csv; charset=utf-8',
    'Content-Length': stat.size,
    'Content-Disposition': attachment(path.basename(file)),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  streamFile(file, res, log);
}

/**
 * `Content-Disposition` for any file name (RFC 6266): an ASCII `filename` for old clients and the exact name as
 * UTF-8 in `filename*` (RFC 8187). A header value above U+00FF would make Node's `writeHead` throw.
 */
export function attachment(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'download';
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

/** Streams a file into a response whose headers are sent; a read error cuts the response and is logged. */
function streamFile(file: string, res: http.ServerResponse, log: HostLog): void {
  pipeline(fs.createReadStream(file), res, (error) => {
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') log(`localyst serve: reading ${JSON.stringify(path.basename(file))} failed: ${error.message}`);
  });
}
