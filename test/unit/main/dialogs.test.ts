import { describe, expect, it } from 'vitest';
import { externalLinkDialog, startFailedDialog } from '../../../src/main/dialogs';
import { escapeHtml } from '../../../src/shared/html';

describe('dialogs', () => {
  it("a refused workspace shows the engine's plain message, the folder, and a way forward", () => {
    const dialog = startFailedDialog({ code: 'workspace-too-new', message: 'This workspace was written by a newer Localyst (schema 9).' }, '/data/shop');
    expect(dialog.detail).toContain('This workspace was written by a newer Localyst (schema 9).');
    expect(dialog.detail).toContain('/data/shop');
    expect(dialog.buttons).toEqual(['Open another workspace…', 'Quit']);
  });

  it('asking about a link shows the whole address and defaults to Cancel', () => {
    const dialog = externalLinkDialog('https://example.com/?q=secret');
    expect(dialog.detail).toContain('https://example.com/?q=secret');
    expect(dialog.buttons?.[dialog.defaultId ?? -1]).toBe('Cancel');
  });

  it('text put into HTML is escaped', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(escapeHtml(`"'&`)).toBe('&#34;&#39;&#38;');
  });
});
