import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { startHost, type Host } from '../../../src/host/server';
import { tempDir } from '../helpers';
import { seeded } from '../seeded';
import { rawRequest, type RawAnswer } from './raw-client';

// The browser mode must answer whatever arrives on its port and keep serving: each case below once killed
// `localyst serve` or is a close relative of one that did.

const UPLOAD_LIMIT = 4096;
let engine: Engine;
let host: Host;
let root: string;
let cleanup: () => void;
let cookie: string;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  root = tmp.dir;
  const renderer = path.join(root, 'renderer');
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Localyst</title>');
  engine = await createEngine({ workspaceDir: path.join(root, 'ws'), home: path.join(root, 'home') });
  host = await startHost({ engine, rendererDir: renderer, port: 0, maxUploadBytes: UPLOAD_LIMIT, log: () => undefined });
  const first = await send(`GET /?token=${host.token} HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`);
  cookie = /set-cookie: ([^;\r\n]+)/i.exec(first.head)?.[1] ?? '';
});
afterAll(async () => {
  await host.close();
  await engine.close();
  cleanup();
});

const hostHeader = (): string => `127.0.0.1:${host.port}`;
const appOrigin = (): string => `http://127.0.0.1:${host.port}`;

async function send(bytes: string | Buffer, options?: Parameters<typeof rawRequest>[2]): Promise<RawAnswer> {
  const answer = await rawRequest(host.port, bytes, options);
  expect(answer.timedOut, 'the host neither answered nor closed').toBe(false);
  return answer;
}

/** A GET with the loopback Host, the session cookie unless told otherwise, and any further header lines. */
function get(target: string, extra: string[] = [], withCookie = true): Promise<RawAnswer> {
  const lines = [`GET ${target} HTTP/1.1`, `Host: ${hostHeader()}`, ...(withCookie ? [`Cookie: ${cookie}`] : []), ...extra, 'Connection: close'];
  return send(`${lines.join('\r\n')}\r\n\r\n`);
}

async function stillServing(): Promise<void> {
  const answer = await get('/');
  expect(answer.status).toBe(200);
  expect(answer.body).toContain('<title>Localyst</title>');
}

const incomingFiles = (): string[] => {
  const dir = path.join(engine.workspaceDir(), 'incoming');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : [];
};

describe('browser-mode host under hostile requests', () => {
  it('has a session cookie to work with', () => {
    expect(cookie).toMatch(/^localyst_\w+=.+/);
  });

  it('answers an absolute-form target with a bad port: 401 without the token, 400 with it', async () => {
    expect((await get('http://a:99999/', [], false)).status).toBe(401);
    expect((await get('http://a:99999/')).status).toBe(400);
    expect((await get(`http://a:99999/?token=${host.token}`, [], false)).status).toBe(400);
    await stillServing();
  });

  it('answers 400 to invalid percent-encodings and NUL bytes in the path', async () => {
    for (const target of ['/%E0%A4%A', '/%', '/%zz', '/assets/%C0%AF', '/%00', '/exports/%E0%A4%A', '/exports/a%00.csv']) {
      expect((await get(target)).status, target).toBe(400);
    }
    await stillServing();
  });

  it('downloads an export whose name has characters beyond Latin-1 (RFC 6266 filename*)', async () => {
    const name = 'Zoë ☃ 顧客 "list".csv';
    const exportsDir = path.join(engine.workspaceDir(), 'exports');
    fs.mkdirSync(exportsDir, { recursive: true });
    fs.writeFileSync(path.join(exportsDir, name), 'customerId\n1\n');
    const answer = await get(`/exports/${encodeURIComponent(name)}`);
    expect(answer.status).toBe(200);
    const disposition = /content-disposition: (.+)/i.exec(answer.head)?.[1] ?? '';
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; /);
    expect(disposition).not.toContain('\\"');
    expect(answer.body).toBe('customerId\n1\n');
  });

  it('answers bad, missing or duplicated Host and Origin headers without parsing them', async () => {
    const base = (headers: string[]): Promise<RawAnswer> => send(`GET / HTTP/1.1\r\n${[...headers, `Cookie: ${cookie}`, 'Connection: close'].join('\r\n')}\r\n\r\n`);
    expect((await base([])).status).toBe(400); // HTTP/1.1 requires a Host; Node's parser answers
    expect((await base(['Host: evil.example'])).status).toBe(403);
    expect((await base(['Host: 127.0.0.1:99999'])).status).toBe(403);
    expect((await base(['Host: [::1'])).status).toBe(403);
    expect((await base([`Host: ${hostHeader()}`, 'Host: evil.example'])).status).toBe(400);
    expect((await base([`Host: ${hostHeader()}`, 'Origin: null'])).status).toBe(403);
    expect((await base([`Host: ${hostHeader()}`, 'Origin: http://a:99999'])).status).toBe(403);
    expect((await base([`Host: ${hostHeader()}`, `Origin: ${appOrigin()}`, `Origin: ${appOrigin()}`])).status).toBe(403);
    expect((await base([`Host: ${hostHeader()}`, `Origin: ${appOrigin()}`])).status).toBe(200);
    await stillServing();
  });

  it('answers or closes malformed request lines, overlong targets and huge headers', async () => {
    const requests = [
      'GARBAGE\r\n\r\n',
      'GET\r\n\r\n',
      `GET / HTTP/9.9\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`,
      `GET /a b HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`,
      '\x00\x01\x02\x03\r\n\r\n',
      `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nX-Big: ${'b'.repeat(64_000)}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}`).join('\r\n')}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n`,
    ];
    for (const request of requests) {
      const answer = await send(request);
      if (answer.status !== null) expect(answer.status, JSON.stringify(request.slice(0, 60))).toBeGreaterThanOrEqual(400);
      expect(answer.status).not.toBe(500);
    }
    await stillServing();
  });

  it('refuses WebSocket upgrades with a missing or wrong token, a foreign Origin or an unknown path', async () => {
    const upgrade = (target: string, extra: string[] = []): Promise<RawAnswer> =>
      send(
        [
          `GET ${target} HTTP/1.1`,
          `Host: ${hostHeader()}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          ...extra,
        ].join('\r\n') + '\r\n\r\n',
      );
    expect((await upgrade('/api')).status).toBe(401);
    expect((await upgrade('/api?token=wrong')).status).toBe(401);
    expect((await upgrade('/api?token=%E0%A4%A')).status).toBe(401);
    expect((await upgrade(`/api?token=${host.token}`, ['Origin: http://evil.example'])).status).toBe(403);
    expect((await upgrade(`http://a:99999/api?token=${host.token}`)).status).toBe(400);
    expect((await upgrade(`/%E0%A4%A?token=${host.token}`)).status).toBe(400);
    expect((await upgrade(`/elsewhere?token=${host.token}`)).status).toBe(404);
    // An accepted socket that then sends a frame no WebSocket may send (reserved opcode): closed, nothing more.
    const garbage = Buffer.from([0x83, 0x80, 1, 2, 3, 4]);
    const opened = await send(
      Buffer.concat([
        Buffer.from(
          [`GET /api?token=${host.token} HTTP/1.1`, `Host: ${hostHeader()}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='].join('\r\n') +
            '\r\n\r\n',
        ),
        garbage,
      ]),
      { untilClose: true },
    );
    expect(opened.status).toBe(101);
    await stillServing();
  });

  it('refuses an upload over the limit with 413 and a JSON error, leaving no file behind', async () => {
    const before = incomingFiles();
    const head = (framing: string): string =>
      [`POST /upload?name=big.csv HTTP/1.1`, `Host: ${hostHeader()}`, `Origin: ${appOrigin()}`, `Cookie: ${cookie}`, framing].join('\r\n') + '\r\n\r\n';
    // Declared too big: refused before any byte is stored.
    const declared = await send(head(`Content-Length: ${UPLOAD_LIMIT + 1}`) + 'a,b\n', { headOnly: true });
    expect(declared.status).toBe(413);
    // Chunked, so the size is only known while it streams in.
    const chunk = Buffer.from(`400\r\n${'x'.repeat(0x400)}\r\n`);
    const streamed = await send(Buffer.concat([Buffer.from(head('Transfer-Encoding: chunked')), chunk]), { trickle: chunk });
    expect(streamed.status).toBe(413);
    const error = JSON.parse(streamed.body.slice(streamed.body.indexOf('{'), streamed.body.lastIndexOf('}') + 1)) as { error: { code: string; message: string } };
    expect(error.error).toMatchObject({ code: 'bad-input', details: { field: 'file' } });
    expect(error.error.message).toContain('4 KB');
    // What to do instead, for data and for a language model (which is chosen by upload in the browser mode too).
    expect(error.error.message).toContain('--max-upload-mb');
    expect(error.error.message).toContain('--model FILE');
    expect(incomingFiles()).toEqual(before);
    // Within the limit still works.
    const small = await send(head('Content-Length: 8\r\nConnection: close') + 'a,b\n1,2\n');
    expect(small.status).toBe(200);
    await stillServing();
  });

  it('answers 300 seeded random requests and keeps serving', async () => {
    const random = seeded(12);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const pieces = ['/', '/', 'a', '%', '%E0', '%A4', '%A', '%00', '%2F', '%2e%2e', '..', '?', '&', '=', 'token=', '#', ':', ':99999', 'http://a', '//', '\\', 'é', '☃', '\t', 'exports/', 'upload', 'api', 'index.html', '%ff%fe'];
    const target = (): string => {
      let text = pick(['/', '/', '/', 'http://', '*', '']);
      const n = Math.floor(random() * 8);
      for (let i = 0; i < n; i += 1) text += pick(pieces);
      return text;
    };
    const hosts = () => pick([[`Host: ${hostHeader()}`], [`Host: localhost:${host.port}`], [], ['Host: evil.example'], [`Host: ${hostHeader()}`, `Host: ${hostHeader()}`], ['Host: :::'], [`Host: ${hostHeader()}x`]]);
    const origins = () => pick([[], [], [`Origin: ${appOrigin()}`], ['Origin: null'], ['Origin: http://evil.example'], ['Origin: %E0'], [`Origin: ${appOrigin()}`, 'Origin: x']]);
    const auth = () => pick([[], [`Cookie: ${cookie}`], [`Cookie: ${cookie}`], ['Cookie: localyst=wrong; ;=;'], [`Cookie: ${cookie}; ${cookie.replace(/=.*/, '=x')}`]]);
    const methods = ['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'BREW'];
    const statuses = new Map<string, number>();
    for (let i = 0; i < 300; i += 1) {
      const upgrade = random() < 0.15 ? ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='] : ['Connection: close'];
      const lines = [`${pick(methods)} ${target()} HTTP/1.1`, ...hosts(), ...origins(), ...auth(), ...upgrade];
      const request = `${lines.join('\r\n')}\r\n\r\n`;
      const answer = await send(request);
      const key = String(answer.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      expect(answer.status, `case ${i}: ${JSON.stringify(request)}`).not.toBe(500);
    }
    // Most cases are refusals, and the generator reaches every kind of them.
    for (const status of ['400', '401', '403']) expect(statuses.get(status), `no ${status} among ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    await stillServing();
  });
});
