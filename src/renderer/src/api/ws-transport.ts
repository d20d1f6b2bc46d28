import type { Envelope } from '../../../shared/errors';
import { wireEventSchema, wireReplySchema, type WireRequest } from '../../../shared/wire';
import { ApiError } from './api-error';
import { apiMessages } from './messages';
import type { ConnectionInfo, Transport } from './transport';

type Pending = {
  channel: string;
  frame: string;
  sent: boolean;
  timer: number;
  resolve: (envelope: Envelope<unknown>) => void;
  reject: (error: ApiError) => void;
};

export type WsTransportOptions = {
  url: string;
  /** Delay before reconnect attempt n (0-based), in ms. */
  backoff?: (attempt: number) => number;
};

const defaultBackoff = (attempt: number): number => Math.min(10_000, 400 * 2 ** attempt) * (0.85 + Math.random() * 0.3);

/**
 * Browser mode: one WebSocket to the loopback host. Requests queue while the socket is down and go out when it
 * opens; requests already sent when it drops fail at once (their replies are lost with the socket).
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const backoff = options.backoff ?? defaultBackoff;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(info: ConnectionInfo) => void>();
  let info: ConnectionInfo = { state: 'connecting', attempts: 0, nextAttemptAt: null };
  let socket: WebSocket | null = null;
  let nextId = 1;

  const setInfo = (next: ConnectionInfo): void => {
    info = next;
    for (const listener of connectionListeners) listener(info);
  };

  const flush = (): void => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const entry of pending.values()) {
      if (entry.sent) continue;
      socket.send(entry.frame);
      entry.sent = true;
    }
  };

  const onFrame = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    const reply = wireReplySchema.safeParse(frame);
    if (reply.success) {
      const entry = pending.get(reply.data.id);
      if (!entry) return; // timed out already
      pending.delete(reply.data.id);
      window.clearTimeout(entry.timer);
      entry.resolve(reply.data.envelope as Envelope<unknown>);
      return;
    }
    const event = wireEventSchema.safeParse(frame);
    if (event.success) {
      for (const listener of eventListeners.get(event.data.event) ?? []) listener(event.data.payload);
    }
  };

  const failInFlight = (): void => {
    for (const [id, entry] of pending) {
      if (!entry.sent) continue;
      pending.delete(id);
      window.clearTimeout(entry.timer);
      entry.reject(new ApiError('engine-unavailable', apiMessages.droppedInFlight(entry.channel)));
    }
  };

  const connect = (): void => {
    const ws = new WebSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      setInfo({ state: 'open', attempts: 0, nextAttemptAt: null });
      flush();
    });
    ws.addEventListener('message', (message: MessageEvent) => onFrame(message.data));
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      failInFlight();
      const attempts = info.state === 'open' ? 0 : info.attempts + 1;
      const delay = backoff(attempts);
      setInfo({ state: 'reconnecting', attempts, nextAttemptAt: Date.now() + delay });
      window.setTimeout(connect, delay);
    });
    // An 'error' is always followed by 'close', where the reconnect is scheduled.
  };

  connect();

  return {
    kind: 'browser',
    invoke(channel, input, timeoutMs) {
      return new Promise<Envelope<unknown>>((resolve, reject) => {
        const id = nextId++;
        const request: WireRequest = { id, channel, input };
        const timer = window.setTimeout(() => {
          const entry = pending.get(id);
          pending.delete(id);
          // Never sent means the engine was unreachable the whole time, which is not the same as slow.
          reject(
            entry?.sent === false
              ? new ApiError('engine-unavailable', apiMessages.unreachable(channel, timeoutMs))
              : new ApiError('timeout', apiMessages.timedOut(channel, timeoutMs)),
          );
        }, timeoutMs);
        pending.set(id, { channel, frame: JSON.stringify(request), sent: false, timer, resolve, reject });
        flush();
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      return () => set.delete(listener);
    },
    connection: () => info,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
