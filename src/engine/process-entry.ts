import { parseArgs } from 'node:util';
import { fromEngineMessageSchema, toEngineMessageSchema, type FromEngineMessage } from '../shared/engine-protocol';
import { AppError, fail, ok, type Envelope } from '../shared/errors';
import { createEngine, type Engine } from './engine';
import path from 'node:path';
import { appHome, defaultWorkspaceDir } from './workspace/paths';
import { decodeKey, type KeyStore } from './workspace/keys';
import type { DataKeyVault } from './workspace/holder';

/**
 * The engine as its own process: under Electron's utilityProcess (process.parentPort) or child_process.fork
 * (process.send). It answers every invoke with one reply envelope and pushes contract events.
 */
type Port = { post(message: FromEngineMessage): void; onMessage(listener: (data: unknown) => void): void };

type ParentPortLike = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
};

function connect(): Port {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send) {
    return {
      post: (message) => process.send?.(message),
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('engine-process must be started by Electron utilityProcess.fork or child_process.fork');
}

/**
 * The desktop's key store: the engine asks the main process, which keeps keys in the OS key store (safeStorage),
 * and waits for its answer. Replies arrive through `answer`.
 */
type KeyAsk =
  | { op: 'load'; workspaceId: string }
  | { op: 'save'; workspaceId: string; key: string }
  | { op: 'data-key-status' }
  | { op: 'load-data-key'; keyId: string }
  | { op: 'save-data-key'; keyId: string; key: string }
  | { op: 'forget-data-key'; keyId: string };
type KeyReply = { id: number; key: string | null; message?: string | undefined; available?: boolean | undefined };

function mainProcessKeyStore(port: Port, home: string): { store: KeyStore; dataKeys: DataKeyVault; answer(reply: KeyReply): void } {
  const waiting = new Map<number, { resolve: (reply: KeyReply) => void; reject: (error: AppError) => void }>();
  let nextId = 1;
  const askReply = (request: KeyAsk): Promise<KeyReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      port.post({ type: 'key-request', id, ...request } as FromEngineMessage);
    });
  const ask = async (request: KeyAsk): Promise<string | null> => (await askReply(request)).key;
  return {
    store: {
      where: (workspaceId) => `the OS key store (Localyst's key for workspace ${workspaceId}, in ${path.join(home, 'keys')})`,
      async load(workspaceId) {
        const key = await ask({ op: 'load', workspaceId });
        return key === null ? null : decodeKey(key, 'the OS key store');
      },
      async save(workspaceId, key) {
        await ask({ op: 'save', workspaceId, key: key.toString('base64') });
      },
    },
    dataKeys: {
      available: async () => (await askReply({ op: 'data-key-status' })).available === true,
      async load(keyId) {
        const key = await ask({ op: 'load-data-key', keyId });
        return key === null ? null : decodeKey(key, 'the OS key store');
      },
      async save(keyId, key) {
        await ask({ op: 'save-data-key', keyId, key: key.toString('base64') });
      },
      async forget(keyId) {
        await ask({ op: 'forget-data-key', keyId });
      },
    },
    answer(reply) {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.message !== undefined) entry.reject(new AppError('workspace-key-missing', reply.message));
      else entry.resolve(reply);
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      home: { type: 'string' },
      'native-binding': { type: 'string' },
      'app-version': { type: 'string' },
      'key-store': { type: 'string' },
    },
    strict: false,
  });
  const port = connect();
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const home = str(values.home) ?? appHome();
  const keys = str(values['key-store']) === 'os' ? mainProcessKeyStore(port, home) : null;
  let engine: Engine | null = null;
  // Listening from the start: key replies arrive while the engine opens its workspace.
  port.onMessage((data) => {
    const parsed = toEngineMessageSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'key-reply') {
      keys?.answer(message);
      return;
    }
    if (message.type === 'shutdown') {
      void (engine ? engine.close() : Promise.resolve()).finally(() => process.exit(0));
      return;
    }
    const running = engine;
    if (!running) return;
    if (message.type === 'grant') {
      let envelope: Envelope<unknown>;
      try {
        envelope = ok(running.grantFile(message.file, message.use));
      } catch (error) {
        envelope = fail(error instanceof AppError ? error.toData() : { code: 'internal', message: String(error) });
      }
      port.post(fromEngineMessageSchema.parse({ type: 'reply', id: message.id, envelope }));
      return;
    }
    void running.invoke(message.channel, message.input).then((envelope) => {
      port.post(fromEngineMessageSchema.parse({ type: 'reply', id: message.id, envelope }));
    });
  });
  try {
    const nativeBinding = str(values['native-binding']);
    engine = await createEngine({
      workspaceDir: str(values.workspace) ?? defaultWorkspaceDir(),
      home,
      appVersion: str(values['app-version']) ?? '0.0.0',
      door: 'desktop',
      ...(keys ? { keyStore: keys.store, dataKeys: keys.dataKeys } : {}),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    const data =
      error instanceof AppError ? error.toData() : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) };
    port.post({ type: 'start-failed', error: data });
    setTimeout(() => process.exit(1), 50);
    return;
  }
  engine.onEvent((name, payload) => port.post({ type: 'event', name, payload }));
  port.post({ type: 'ready', workspace: engine.workspaceDir() });
}

void main();
