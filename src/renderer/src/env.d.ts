/// <reference types="vite/client" />
import type { PreloadBridge } from './api/transport';

declare global {
  interface Window {
    /** Present only inside the Electron app, exposed by the preload script. */
    localyst?: PreloadBridge;
  }
}
