import { envelopeSchema } from '../../../shared/error-schemas';
import type { Envelope } from '../../../shared/errors';
import { ApiError } from './api-error';
import { apiMessages } from './messages';
import type { ConnectionInfo, PreloadBridge, Transport } from './transport';

const always: ConnectionInfo = { state: 'open', attempts: 0, nextAttemptAt: null };

/** Electron: the preload bridge carries calls to main, which relays them to the engine. */
export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    invoke(channel, input, timeoutMs) {
      return new Promise<Envelope<unknown>>((resolve, reject) => {
        const timer = window.setTimeout(
          () => reject(new ApiError('timeout', apiMessages.timedOut(channel, timeoutMs))),
          timeoutMs,
        );
        bridge.invoke(channel, input).then(
          (raw) => {
            window.clearTimeout(timer);
            const parsed = envelopeSchema.safeParse(raw);
            if (parsed.success) resolve(parsed.data as Envelope<unknown>);
            else reject(new ApiError('internal', apiMessages.badReply(channel)));
          },
          (error: unknown) => {
            window.clearTimeout(timer);
            reject(new ApiError('engine-unavailable', apiMessages.bridgeFailed(channel, error)));
          },
        );
      });
    },
    on: (event, listener) => bridge.on(event, listener),
    async chooseFile(purpose, suggestedName) {
      const envelope = await bridge.chooseFile(purpose, suggestedName);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      return envelope.value;
    },
    connection: () => always,
    onConnectionChange: () => () => undefined,
  };
}
