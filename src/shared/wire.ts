import { z } from 'zod';
import { appErrorSchema } from './error-schemas';

/**
 * The browser mode's WebSocket frames (JSON text). The client sends requests with an id; the host answers
 * each with one reply and pushes contract events as they happen.
 */
export const wireRequestSchema = z.object({ id: z.number().int().nonnegative(), channel: z.string().max(100), input: z.unknown() });
export type WireRequest = z.infer<typeof wireRequestSchema>;

export const wireReplySchema = z.object({
  id: z.number().int(),
  envelope: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]),
});
export type WireReply = z.infer<typeof wireReplySchema>;

export const wireEventSchema = z.object({ event: z.string(), payload: z.unknown() });
export type WireEvent = z.infer<typeof wireEventSchema>;

/** Path of the WebSocket endpoint; the session token travels as the `token` query parameter. */
export const WIRE_PATH = '/api';

/** Names used by the Electron preload bridge, defined beside the plain name lists the preload bundles. */
export { IPC_EVENT, IPC_INVOKE } from './ipc-names';
