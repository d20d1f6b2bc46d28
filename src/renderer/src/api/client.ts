import {
  channels,
  events,
  type Api,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '../../../shared/contract';
import { WIRE_PATH } from '../../../shared/wire';
import { ApiError } from './api-error';
import { createIpcTransport } from './ipc-transport';
import { apiMessages } from './messages';
import { takeSessionToken, webSocketUrl } from './session-token';
import type { Transport } from './transport';
import { createWsTransport } from './ws-transport';

/** No request may hang the UI for longer than this. */
export const REQUEST_TIMEOUT_MS = 30_000;

export type ApiClient = Api & { readonly transport: Transport };

/**
 * The typed contract client. Inputs are checked against the contract before they leave (the engine checks them
 * again), replies are checked before they reach a component, and every failure is an ApiError.
 */
export function createApiClient(transport: Transport): ApiClient {
  return {
    transport,
    async invoke<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
      const schemas = channels[channel];
      const parsedInput = schemas.input.safeParse(input);
      if (!parsedInput.success) {
        const first = parsedInput.error.issues[0];
        const reason = first ? `${first.path.join('.') || 'input'}: ${first.message}` : '';
        throw new ApiError('bad-input', apiMessages.badInput(channel, reason), { issues: parsedInput.error.issues });
      }
      const envelope = await transport.invoke(channel, parsedInput.data, REQUEST_TIMEOUT_MS);
      if (!envelope.ok) throw ApiError.from(envelope.error);
      const output = schemas.output.safeParse(envelope.value);
      if (!output.success) {
        throw new ApiError('internal', apiMessages.badReply(channel), { issues: output.error.issues });
      }
      return output.data as ChannelOutput<K>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
        else console.warn(`Ignored a malformed ${event} event`, parsed.error.issues);
      });
    },
  };
}

/** Electron when the preload bridge is there, otherwise the browser mode's WebSocket to the page's host. */
export function createTransport(): Transport {
  if (window.localyst) return createIpcTransport(window.localyst);
  return createWsTransport({ url: webSocketUrl(WIRE_PATH, takeSessionToken()) });
}
