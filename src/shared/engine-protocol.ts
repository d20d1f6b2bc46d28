import { z } from 'zod';
import { appErrorSchema } from './error-schemas';
import { fileUseSchema } from './file-schemas';

/**
 * Messages between a door (Electron main, a supervisor) and an engine running in its own process.
 * Requests carry an id; the engine answers each with exactly one reply envelope.
 */
/** A workspace id (a UUID) and a 32-byte key as base64: what the desktop's OS key store holds. */
const workspaceIdSchema = z.string().regex(/^[0-9a-f-]{36}$/);
const keySchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

export const toEngineMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int(), channel: z.string(), input: z.unknown() }),
  /** Main only, never a renderer request: a path the user chose in a dialog, answered with its handle (a reply). */
  z.object({ type: z.literal('grant'), id: z.number().int(), file: z.string().min(1).max(4096), use: fileUseSchema }),
  z.object({ type: z.literal('shutdown') }),
  /** The main process's answer to a key-request: the key (load), or null; `message` when the key store failed. */
  z.object({
    type: z.literal('key-reply'),
    id: z.number().int(),
    key: keySchema.nullable(),
    message: z.string().optional(),
    /** data-key-status only: whether this computer has a real OS key store to remember data keys in. */
    available: z.boolean().optional(),
  }),
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
  /**
   * The engine asks the main process for a workspace's pseudonymisation key (load) or to keep a new one (save): on the
   * desktop the key lives in the OS key store, which only the main process can use (Electron safeStorage).
   */
  z.discriminatedUnion('op', [
    z.object({ type: z.literal('key-request'), op: z.literal('load'), id: z.number().int(), workspaceId: workspaceIdSchema }),
    z.object({ type: z.literal('key-request'), op: z.literal('save'), id: z.number().int(), workspaceId: workspaceIdSchema, key: keySchema }),
    /**
     * An encrypted workspace's data key, remembered on this computer (issue 15): wrapped by safeStorage and kept by
     * main, named by the id in the workspace's encryption.json. Never kept where the OS has no real key store.
     */
    z.object({ type: z.literal('key-request'), op: z.literal('data-key-status'), id: z.number().int() }),
    z.object({ type: z.literal('key-request'), op: z.literal('load-data-key'), id: z.number().int(), keyId: workspaceIdSchema }),
    z.object({ type: z.literal('key-request'), op: z.literal('save-data-key'), id: z.number().int(), keyId: workspaceIdSchema, key: keySchema }),
    z.object({ type: z.literal('key-request'), op: z.literal('forget-data-key'), id: z.number().int(), keyId: workspaceIdSchema }),
  ]),
]);
export type KeyRequest = Extract<FromEngineMessage, { type: 'key-request' }>;
export type FromEngineMessage = z.infer<typeof fromEngineMessageSchema>;
