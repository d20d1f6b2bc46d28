import { z } from 'zod';
import { errorCodes, type AppErrorData, type Envelope } from './errors';

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
}) satisfies z.ZodType<AppErrorData>;

/** Shape check for an envelope that arrived over a transport. */
export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]) satisfies z.ZodType<Envelope<unknown>>;
