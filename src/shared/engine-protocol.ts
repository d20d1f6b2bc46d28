import { z } from 'zod';
import { appErrorSchema } from './errors';
import { fileUseSchema } from './file-schemas';

/**
 * Messages between a door (Electron main, a supervisor) and an engine running in its own process.
 * Requests carry an id; the engine answers each with exactly one reply envelope.
 */
export const toEngineMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int(), channel: z.string(), input: z.unknown() }),
  /** Main only, never a renderer request: a path the user chose in a dialog, answered with its handle (a reply). */
  z.object({ type: z.literal('grant'), id: z.number().int(), file: z.string().min(1).max(4096), use: fileUseSchema }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToEngineMessage = z.infer<typeof toEngineMessageSchema>;

export const fromEngineMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), workspace: z.string() }),
  z.object({ type: z.literal('start-failed'), error: appErrorSchema }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int(),
    envelope: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: appErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type FromEngineMessage = z.infer<typeof fromEngineMessageSchema>;
