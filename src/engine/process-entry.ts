import { parseArgs } from 'node:util';
import { fromEngineMessageSchema, toEngineMessageSchema, type FromEngineMessage } from '../shared/engine-protocol';
import { AppError, fail, ok, type Envelope } from '../shared/errors';
import { createEngine, type Engine } from './engine';
import { appHome, defaultWorkspaceDir } from './workspace/paths';

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      home: { type: 'string' },
      'native-binding': { type: 'string' },
      'app-version': { type: 'string' },
    },
    strict: false,
  });
  const port = connect();
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  let engine: Engine;
  try {
    const nativeBinding = str(values['native-binding']);
    engine = await createEngine({
      workspaceDir: str(values.workspace) ?? defaultWorkspaceDir(),
      home: str(values.home) ?? appHome(),
      appVersion: str(values['app-version']) ?? '0.0.0',
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
  port.onMessage((data) => {
    const parsed = toEngineMessageSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'shutdown') {
      void engine.close().finally(() => process.exit(0));
      return;
    }
    if (message.type === 'grant') {
      let envelope: Envelope<unknown>;
      try {
        envelope = ok(engine.grantFile(message.file, message.use));
      } catch (error) {
        envelope = fail(error instanceof AppError ? error.toData() : { code: 'internal', message: String(error) });
      }
      port.post(fromEngineMessageSchema.parse({ type: 'reply', id: message.id, envelope }));
      return;
    }
    void engine.invoke(message.channel, message.input).then((envelope) => {
      port.post(fromEngineMessageSchema.parse({ type: 'reply', id: message.id, envelope }));
    });
  });
  port.post({ type: 'ready', workspace: engine.workspaceDir() });
}

void main();
