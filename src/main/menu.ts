import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Workspaces are opened from the renderer's switcher, so File only closes or quits. Reload
 * and DevTools exist only in development: in production neither a menu item nor a shortcut reaches them.
 */
export function menuTemplate(input: { isMac: boolean; isDev: boolean; appName: string; onAbout: () => void }): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${input.appName}`, click: () => input.onAbout() };
  const template: MenuItemConstructorOptions[] = [];
  if (input.isMac) {
    template.push({
      label: input.appName,
      submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({ label: 'File', submenu: [input.isMac ? { role: 'close' } : { role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(input.isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      ...(input.isDev
        ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: 'Window', submenu: input.isMac ? [{ role: 'minimize' }, { role: 'zoom' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] });
  template.push({ role: 'help', submenu: [about] });
  return template;
}
