import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../src/main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]): string[] => flatten(items).flatMap((item) => (item.role ? [String(item.role)] : []));
const DEV_ONLY = ['reload', 'forceReload', 'toggleDevTools'];

describe('menuTemplate', () => {
  for (const isMac of [false, true]) {
    it(`has no reload or DevTools in production (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const template = menuTemplate({ isMac, isDev: false, appName: 'Localyst', onAbout: () => {} });
      for (const role of DEV_ONLY) expect(roles(template)).not.toContain(role);
    });
  }

  it('has reload and DevTools in development', () => {
    const template = menuTemplate({ isMac: false, isDev: true, appName: 'Localyst', onAbout: () => {} });
    for (const role of DEV_ONLY) expect(roles(template)).toContain(role);
  });

  it('has the standard editing roles, so copy and paste work in every field', () => {
    const edit = menuTemplate({ isMac: false, isDev: false, appName: 'Localyst', onAbout: () => {} }).find((item) => item.label === 'Edit');
    expect(roles([edit!])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('opens About from the Help menu', () => {
    const onAbout = vi.fn();
    const help = menuTemplate({ isMac: false, isDev: false, appName: 'Localyst', onAbout }).find((item) => item.role === 'help');
    const about = (help?.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'About Localyst');
    (about?.click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
  });
});
