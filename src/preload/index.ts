import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: only `electron` and the plain name lists are bundled in. The page sees exactly
// `window.localyst.invoke` and `window.localyst.on`; never ipcRenderer or an IPC event object.
contextBridge.exposeInMainWorld('localyst', createBridge(ipcRenderer));
