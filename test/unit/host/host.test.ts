import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { startHost, type Host } from '../../../src/host/server';
import { tempDir } from '../helpers';

let engine: Engine;
let host: Host;
let root: string;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  root = tmp.dir;
  const renderer = path.join(root, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Localyst</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not for the browser');
  engine = await createEngine({ workspaceDir: path.join(root, 'ws'), home: path.join(root, 'home') });
  host = await startHost({ engine, rendererDir: renderer, port: 0 });
});
afterAll(async () => {
  await host.close();
  await engine.close();
  cleanup();
});

type Res = { status: number; headers: http.IncomingHttpHeaders; body: string };
function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(pathAndQuery: string, body: string, headers: Record<string, string>): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers, method: 'POST' }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket, match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (match(message)) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('browser-mode host', () => {
  it('listens on the loopback address only and prints a tokenised URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses requests without the session token (401)', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
  });

  it('serves the app with the token, sets an HttpOnly cookie, and a strict CSP', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Localyst</title>');
    expect(String(res.headers['set-cookie'])).toMatch(/^localyst_session_\d+=.+; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await get('/assets/app.js', { Cookie: `${host.cookieName}=${host.token}` });
    expect(asset.status).toBe(200);
  });

  it('names its cookie after its port, so a second instance on 127.0.0.1 neither overwrites nor accepts it', async () => {
    const second = await startHost({ engine, rendererDir: path.join(root, 'renderer'), port: 0 });
    try {
      expect(host.cookieName).toBe(`localyst_session_${host.port}`);
      expect(second.cookieName).toBe(`localyst_session_${second.port}`);
      const set = await new Promise<Res>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: second.port, path: `/?token=${second.token}` }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(String(set.headers['set-cookie'])).toMatch(new RegExp(`^${second.cookieName}=${second.token};`));
      // The browser sends both cookies to both ports: each instance reads only its own.
      const both = { Cookie: `${host.cookieName}=${host.token}; ${second.cookieName}=${second.token}` };
      expect((await get('/', both)).status).toBe(200);
      expect((await get('/', { Cookie: `${second.cookieName}=${second.token}` })).status).toBe(401);
      expect((await get('/', { Cookie: `${host.cookieName}=${second.token}` })).status).toBe(401);
      expect((await get('/', { Cookie: `localyst_session=${host.token}` })).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('refuses a foreign Host or Origin header (DNS rebinding) with 403', async () => {
    expect((await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    const cookie = { Cookie: `${host.cookieName}=${host.token}` };
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await get(p, cookie);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('not for the browser');
    }
  });

  it('receives an uploaded file into the workspace, only from the app origin and with the token', async () => {
    const cookie = { Cookie: `${host.cookieName}=${host.token}` };
    const origin = { Origin: `http://127.0.0.1:${host.port}` };
    expect((await post('/upload?name=orders.csv', 'a,b\n1,2\n', origin)).status).toBe(401);
    expect((await post('/upload?name=orders.csv', 'a,b\n1,2\n', cookie)).status).toBe(403);
    expect((await post('/upload?name=orders.csv', 'a,b\n1,2\n', { ...cookie, Origin: 'http://evil.example' })).status).toBe(403);
    const res = await post('/upload?name=../../evil%20name.csv', 'a,b\n1,2\n', { ...cookie, ...origin });
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body) as { handle: string; name: string; sizeBytes: number; path?: string };
    // A handle and a name, never the path: the page cannot learn or name paths on this computer.
    expect(answer).toEqual({ handle: expect.stringMatching(/^fh_/), name: 'evil name.csv', sizeBytes: 8 });
    const incoming = path.join(engine.workspaceDir(), 'incoming');
    const saved = fs.readdirSync(incoming, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('evil name.csv'));
    expect(saved).toHaveLength(1);
    expect(fs.readFileSync(path.join(incoming, saved[0] ?? ''), 'utf8')).toBe('a,b\n1,2\n');
    const inspected = await engine.invoke('import.inspect', { file: answer.handle });
    expect(inspected).toMatchObject({ ok: true, value: { file: answer.handle, fileName: 'evil name.csv', headers: ['a', 'b'] } });
  });

  it('serves exported files as downloads and nothing outside the exports folder', async () => {
    const cookie = { Cookie: `${host.cookieName}=${host.token}` };
    const exportsDir = path.join(engine.workspaceDir(), 'exports');
    fs.mkdirSync(exportsDir, { recursive: true });
    fs.writeFileSync(path.join(exportsDir, 'audience.csv'), 'customerId\n1\n');
    const ok = await get('/exports/audience.csv', cookie);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toContain('attachment');
    expect(ok.body).toBe('customerId\n1\n');
    expect((await get('/exports/audience.csv')).status).toBe(401);
    expect((await get('/exports/..%2Fworkspace.sqlite', cookie)).status).toBe(404);
    // A link in exports/ to a file outside it is not served.
    fs.writeFileSync(path.join(root, 'outside.txt'), 'not for download');
    fs.symlinkSync(path.join(root, 'outside.txt'), path.join(exportsDir, 'link.csv'));
    const linked = await get('/exports/link.csv', cookie);
    expect(linked.status).toBe(404);
    expect(linked.body).not.toContain('not for download');
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${host.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('carries contract calls and events over the WebSocket', async () => {
    const ws = await connect(`?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
    ws.send(JSON.stringify({ id: 7, channel: 'workspace.stats', input: {} }));
    const reply = await nextMessage(ws, (m) => m.id === 7);
    expect(reply.envelope).toMatchObject({ ok: true, value: { customers: 0, orders: 0 } });

    ws.send(JSON.stringify({ id: 8, channel: 'workspace.stats', input: { drop: 'table' } }));
    expect((await nextMessage(ws, (m) => m.id === 8)).envelope).toMatchObject({ ok: false, error: { code: 'bad-input' } });

    ws.send('this is not json');
    expect((await nextMessage(ws, (m) => m.id === -1)).envelope).toMatchObject({ ok: false, error: { code: 'bad-input' } });

    ws.send(JSON.stringify({ id: 9, channel: 'no.such', input: {} }));
    expect((await nextMessage(ws, (m) => m.id === 9)).envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });

    const event = nextMessage(ws, (m) => m.event === 'workspace.changed');
    ws.send(JSON.stringify({ id: 10, channel: 'workspace.open', input: { name: 'ws2', create: true } }));
    expect((await event).payload).toMatchObject({ path: path.join(root, 'ws2'), reason: 'opened' });
    ws.close();
  });
});
