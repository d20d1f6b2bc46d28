import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels, isChannel, isEventName } from '../shared/contract';
import type { Envelope } from '../shared/errors';
import { IPC_EVENT, IPC_INVOKE } from '../shared/wire';
import type { EngineSupervisor } from './engine-supervisor';

/** The window whose page may call the engine. */
export type AppWindow = {
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'send' | 'isDestroyed' | 'mainFrame'>;
};

export type InvokeSender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export type IpcDeps = {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  engine: Pick<EngineSupervisor, 'invoke' | 'onEvent'>;
  window: () => AppWindow | null;
  isAppPage: (url: string) => boolean;
  log?: (line: string) => void;
};

/**
 * Why a request is refused, or null when it comes from the main frame of our window showing our own page. A
 * subframe, another window, or our window after it navigated elsewhere may not reach the engine.
 */
export function senderProblem(event: InvokeSender, window: AppWindow | null, isAppPage: (url: string) => boolean): string | null {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return 'there is no Localyst window';
  if (event.sender !== window.webContents) return 'it came from another window';
  const frame = event.senderFrame;
  if (!frame) return 'the frame that sent it is gone';
  if (!isMainFrame(frame, window.webContents.mainFrame)) return 'it came from an embedded frame';
  if (!isAppPage(frame.url)) return `the window shows ${frame.url.slice(0, 120)}, not Localyst`;
  return null;
}

type FrameIdentity = { parent: unknown; processId: number; routingId: number };

/** The same frame as the window's main frame; compared by ids too, in case Electron hands out a new wrapper object. */
function isMainFrame(frame: FrameIdentity, main: FrameIdentity): boolean {
  if (frame.parent !== null) return false;
  return frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
}

const refuse = (code: 'bad-input' | 'unknown-channel', message: string, details?: unknown): Envelope<never> =>
  details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };

/** Checks one request from the renderer and relays it to the engine. Resolves to an envelope; never throws. */
export async function handleInvoke(deps: IpcDeps, event: InvokeSender, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
  const log = deps.log ?? ((line: string) => console.warn(`[ipc] ${line}`));
  try {
    const problem = senderProblem(event, deps.window(), deps.isAppPage);
    if (problem) {
      log(`refused a request: ${problem}`);
      return refuse('bad-input', 'This request did not come from the Localyst window, so it was refused.');
    }
    if (!isChannel(channel)) {
      return refuse('unknown-channel', `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    }
    // Checked here so only well-formed requests reach the engine, which checks them again.
    const parsed = channels[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      return refuse('bad-input', `The request ${channel} is not valid: ${parsed.error.issues[0]?.message ?? 'bad shape'}.`, {
        issues: parsed.error.issues.slice(0, 20).map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    return await deps.engine.invoke(channel, input ?? {});
  } catch (error) {
    log(`a request failed inside main: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Localyst. The details are in the log.' } };
  }
}

/** Registers the one invoke handler and the event relay; returns a function that removes both. */
export function registerIpc(deps: IpcDeps): () => void {
  deps.ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => handleInvoke(deps, event, channel, input));
  const stopRelay = relayEngineEvents(deps.engine, deps.window);
  return () => {
    deps.ipcMain.removeHandler(IPC_INVOKE);
    stopRelay();
  };
}

/** Sends engine events to the window, only those the contract names. */
export function relayEngineEvents(engine: Pick<EngineSupervisor, 'onEvent'>, window: () => AppWindow | null): () => void {
  return engine.onEvent((name, payload) => {
    if (!isEventName(name)) return;
    const target = window();
    if (!target || target.isDestroyed() || target.webContents.isDestroyed()) return;
    target.webContents.send(IPC_EVENT, name, payload);
  });
}
