import type { Envelope } from '../../../shared/errors';
import type { BridgeChosenFile, FileChoicePurpose, LocalystBridge } from '../../../shared/ipc-names';

/** Whether the renderer can currently reach the engine. Electron IPC is always `open`. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export type ConnectionInfo = {
  state: ConnectionState;
  /** Failed attempts since the connection was last open. */
  attempts: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  nextAttemptAt: number | null;
};

/** How contract calls and events travel: Electron IPC or the browser mode's WebSocket. */
export type Transport = {
  readonly kind: 'electron' | 'browser';
  /** Resolves to the engine's envelope; rejects with an ApiError when the call cannot complete (timeout, drop). */
  invoke(channel: string, input: unknown, timeoutMs: number): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  connection(): ConnectionInfo;
  onConnectionChange(listener: (info: ConnectionInfo) => void): () => void;
  /** Desktop only: main's file dialog for `purpose`; the handle and name of the chosen file, or null when cancelled. */
  chooseFile?(purpose: FileChoicePurpose, suggestedName?: string): Promise<BridgeChosenFile | null>;
};

/** What the Electron preload exposes on `window.localyst` (defined next to the preload's name lists). */
export type PreloadBridge = LocalystBridge;
