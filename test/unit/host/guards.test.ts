import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createUncaughtHandler } from '../../../src/host/process-guard';
import { guardHandler } from '../../../src/host/respond';
import { attachment } from '../../../src/host/files';
import { parseTarget } from '../../../src/host/request-checks';

function fetchStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: target }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('guardHandler', () => {
  it('answers 500 for a handler that throws, at once or later, logs it without the query, and keeps serving', async () => {
    const lines: string[] = [];
    const server = http.createServer(
      guardHandler(async (req, res) => {
        if (req.url?.startsWith('/sync')) throw new Error('thrown at once');
        if (req.url?.startsWith('/later')) {
          await new Promise((resolve) => setImmediate(resolve));
          res.writeHead(200, { 'X-Name': 'Zoë ☃' }); // a header value Node refuses
        }
        res.end('fine');
      }, (line) => lines.push(line)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await fetchStatus(port, '/sync?token=secret')).toBe(500);
      expect(await fetchStatus(port, '/later?token=secret')).toBe(500);
      expect(await fetchStatus(port, '/')).toBe(200);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('thrown at once');
      expect(lines.join('\n')).not.toContain('secret');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the serve process guard', () => {
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('logs an uncaught error with its stack and keeps serving while the engine answers', async () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const handle = createUncaughtHandler({ engineAnswers: async () => true, log: (l) => lines.push(l), exit: (c) => exits.push(c) });
    handle(new Error('a library callback failed'), 'uncaughtException');
    await settle();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/uncaught error, still serving: Error: a library callback failed\n\s+at /);
    expect(exits).toEqual([]);
  });

  it('stops with exit code 1 when the engine no longer answers, or its check fails', async () => {
    for (const engineAnswers of [async () => false, async () => Promise.reject(new Error('closed')), () => new Promise<boolean>(() => undefined)]) {
      const lines: string[] = [];
      const exits: number[] = [];
      const handle = createUncaughtHandler({ engineAnswers, log: (l) => lines.push(l), exit: (c) => exits.push(c), checkTimeoutMs: 1 });
      handle(new Error('database is closed'), 'unhandledRejection');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines[0]).toContain('uncaught promise rejection');
      expect(lines[1]).toContain('the engine no longer answers');
      expect(exits).toEqual([1]);
    }
  });
});

describe('request targets and download names', () => {
  it('parses origin-form targets only and refuses what does not decode', () => {
    expect(parseTarget('/exports/a%20b.csv?x=1')).toMatchObject({ pathname: '/exports/a b.csv' });
    expect(parseTarget('/?token=%E0%A4%A&name=%')?.query.get('name')).toBe('%'); // the query decodes leniently, never throws
    for (const raw of [undefined, '', '*', 'http://a:99999/', '/%E0%A4%A', '/%00', '/a%']) expect(parseTarget(raw), String(raw)).toBeNull();
  });

  it('writes a Latin-1-safe Content-Disposition with the exact name in filename*', () => {
    expect(attachment('audience.csv')).toBe(`attachment; filename="audience.csv"; filename*=UTF-8''audience.csv`);
    expect(attachment('Zoë "x" 100%.csv')).toBe(`attachment; filename="Zoe _x_ 100_.csv"; filename*=UTF-8''Zo%C3%AB%20%22x%22%20100%25.csv`);
    expect(() => http.validateHeaderValue('Content-Disposition', attachment('顧客 ☃.csv'))).not.toThrow();
  });
});
