import type { BridgeEnvelope, LocalystBridge } from '../shared/ipc-names';
import { CHANNEL_NAMES, EVENT_NAMES, FILE_CHOICE_PURPOSES, IPC_CHOOSE_FILE, IPC_EVENT, IPC_INVOKE, type BridgeChosenFile } from '../shared/ipc-names';

/** The part of `ipcRenderer` the bridge uses; injected so the bridge is tested without Electron. */
export type BridgeIpc = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

const knownChannels: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);

const describeName = (name: unknown): string => JSON.stringify(String(name)).slice(0, 80);

/**
 * Builds the object exposed as `window.localyst`: contract channels only, envelopes only (never a rejection), and
 * listeners that receive the payload alone: the raw IPC event never reaches the page.
 */
export function createBridge(ipc: BridgeIpc): LocalystBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // One IPC listener for every subscription, attached while anyone listens.
  const dispatch = (_event: unknown, name: unknown, payload: unknown): void => {
    if (typeof name !== 'string') return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`A listener for ${name} failed`, error);
      }
    }
  };
  let attached = false;
  const subscriberCount = (): number => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);

  return {
    async invoke(channel: string, input: unknown): Promise<BridgeEnvelope<unknown>> {
      if (typeof channel !== 'string' || !knownChannels.has(channel)) {
        return { ok: false, error: { code: 'unknown-channel', message: `There is no channel named ${describeName(channel)}.` } };
      }
      try {
        return (await ipc.invoke(IPC_INVOKE, channel, input)) as BridgeEnvelope<unknown>;
      } catch {
        // Only the transport can throw here (an input that cannot be copied, or main not listening yet).
        return {
          ok: false,
          error: { code: 'engine-unavailable', message: `Localyst could not deliver the request ${channel}. Try again in a moment.` },
        };
      }
    },
    async chooseFile(purpose: string, suggestedName?: string): Promise<BridgeEnvelope<BridgeChosenFile | null>> {
      if (!(FILE_CHOICE_PURPOSES as readonly string[]).includes(purpose)) {
        return { ok: false, error: { code: 'bad-input', message: `There is no file dialog for ${describeName(purpose)}.` } };
      }
      try {
        return (await ipc.invoke(IPC_CHOOSE_FILE, purpose, typeof suggestedName === 'string' ? suggestedName : undefined)) as BridgeEnvelope<BridgeChosenFile | null>;
      } catch {
        return { ok: false, error: { code: 'engine-unavailable', message: 'Localyst could not show the file dialog. Try again in a moment.' } };
      }
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !knownEvents.has(event) || typeof listener !== 'function') return () => {};
      const set = listeners.get(event) ?? new Set();
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry = (payload: unknown): void => listener(payload);
      set.add(entry);
      listeners.set(event, set);
      if (!attached) {
        ipc.on(IPC_EVENT, dispatch);
        attached = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(entry);
        if (set.size === 0) listeners.delete(event);
        if (attached && subscriberCount() === 0) {
          ipc.removeListener(IPC_EVENT, dispatch);
          attached = false;
        }
      };
    },
  };
}
