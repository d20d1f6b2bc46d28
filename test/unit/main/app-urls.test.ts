import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAllowedNavigation,
  isAllowedRequest,
  isAppPage,
  isExternalWebLink,
  withCsp,
  type AppOrigin,
} from '../../../src/main/app-urls';

const rendererDir = path.resolve('/opt/localyst/out/renderer');
const built: AppOrigin = { rendererDir, rendererIndex: path.join(rendererDir, 'index.html'), devServer: null };
const dev: AppOrigin = { ...built, devServer: new URL('http://localhost:5173') };
const fileUrl = (file: string): string => pathToFileURL(file).href;

describe('isAllowedRequest (the web-request filter)', () => {
  it("lets the app's own built files through", () => {
    expect(isAllowedRequest(fileUrl(path.join(rendererDir, 'index.html')), built)).toBe(true);
    expect(isAllowedRequest(fileUrl(path.join(rendererDir, 'assets', 'index-abc.js')), built)).toBe(true);
    expect(isAllowedRequest(`${fileUrl(path.join(rendererDir, 'index.html'))}#/dashboard`, built)).toBe(true);
  });

  it('blocks every other file, including ones reached by climbing out of the folder', () => {
    expect(isAllowedRequest('file:///etc/passwd', built)).toBe(false);
    expect(isAllowedRequest(fileUrl(path.resolve('/opt/localyst/out/main/index.js')), built)).toBe(false);
    expect(isAllowedRequest(fileUrl(path.resolve('/opt/localyst/out/renderer-evil/x.js')), built)).toBe(false);
    expect(isAllowedRequest(`${fileUrl(rendererDir)}/../main/index.js`, built)).toBe(false);
    expect(isAllowedRequest(`${fileUrl(rendererDir)}/%2e%2e/main/index.js`, built)).toBe(false);
    expect(isAllowedRequest(`${fileUrl(rendererDir)}/assets%2F..%2F..%2Fmain%2Findex.js`, built)).toBe(false);
    expect(isAllowedRequest(fileUrl(rendererDir), built)).toBe(false);
    expect(isAllowedRequest('file://fileserver/share/out/renderer/index.html', built)).toBe(false);
  });

  it('blocks the network: http, https, websockets, ftp, custom schemes', () => {
    for (const url of [
      'https://example.com/collect?email=a@b.c',
      'http://127.0.0.1:8080/',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'chrome://settings',
      'localyst-custom://x',
      'not a url',
    ]) {
      expect(isAllowedRequest(url, built), url).toBe(false);
    }
  });

  it('allows DevTools and inline data: / blob: resources', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', built)).toBe(true);
    expect(isAllowedRequest('data:font/woff2;base64,AAAA', built)).toBe(true);
    expect(isAllowedRequest('blob:file:///3f8e-1a', built)).toBe(true);
  });

  it('in development also allows the dev server and its HMR socket, and nothing else on the network', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('https://example.com/', dev)).toBe(false);
  });
});

describe('isAppPage and isAllowedNavigation', () => {
  it('recognise the built index.html whatever its hash or query', () => {
    const page = fileUrl(built.rendererIndex);
    expect(isAppPage(page, built)).toBe(true);
    expect(isAppPage(`${page}#/segments?x=1`, built)).toBe(true);
    expect(isAppPage(`${page}?lang=de`, built)).toBe(true);
  });

  it('refuse other pages, other files in the renderer folder, and the dev server when not in development', () => {
    expect(isAppPage(fileUrl(path.join(rendererDir, 'assets', 'evil.html')), built)).toBe(false);
    expect(isAppPage('https://example.com/', built)).toBe(false);
    expect(isAppPage('http://localhost:5173/', built)).toBe(false);
    expect(isAppPage('about:blank', built)).toBe(false);
  });

  it("in development, the dev server's root is the page", () => {
    expect(isAppPage('http://localhost:5173/', dev)).toBe(true);
    expect(isAppPage('http://localhost:5173/#/jobs', dev)).toBe(true);
    expect(isAppPage('http://localhost:5173/other.html', dev)).toBe(false);
    expect(isAppPage('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppPage(fileUrl(built.rendererIndex), dev)).toBe(false);
  });

  it('navigation may go to the app page or DevTools only', () => {
    expect(isAllowedNavigation(fileUrl(built.rendererIndex), built)).toBe(true);
    expect(isAllowedNavigation('devtools://devtools/bundled/inspector.html', built)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', built)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', built)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', built)).toBe(false);
  });
});

describe('isExternalWebLink', () => {
  it('accepts plain web addresses only', () => {
    expect(isExternalWebLink('https://localyst.example/docs')).toBe(true);
    expect(isExternalWebLink('http://example.com')).toBe(true);
    expect(isExternalWebLink('file:///etc/passwd')).toBe(false);
    expect(isExternalWebLink('javascript:alert(1)')).toBe(false);
    expect(isExternalWebLink('smb://server/share')).toBe(false);
    expect(isExternalWebLink('https://user:pass@example.com')).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (policy: string): Map<string, string[]> =>
    new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));

  it('is strict in production: nothing by default, scripts only from the app, no eval, no frames, no plugins', () => {
    const csp = directives(contentSecurityPolicy(built));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all.some((source) => source.startsWith('http') || source === '*')).toBe(false);
  });

  it('in development allows only what Vite needs: its inline preamble and its own socket', () => {
    const csp = directives(contentSecurityPolicy(dev));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('replaces any policy the response carried, whatever its header case', () => {
    const headers = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'default-src none');
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src none'] });
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
