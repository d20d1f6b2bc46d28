import { z } from 'zod';

/**
 * The encrypted workspace (issue 15): the contract between the engine, the three doors and the UI. The database,
 * its WAL and its backups are encrypted by SQLite3 Multiple Ciphers (better-sqlite3-multiple-ciphers) with a random
 * 256-bit data key; the data key is wrapped by the passphrase (Argon2id), by a recovery key printed once, and on the
 * desktop by the OS key store (Electron safeStorage).
 */

/** A passphrase as the user typed it; its strength is judged by the engine (workspace.passphraseCheck). */
export const passphraseSchema = z.string().min(1).max(1024);

/** A recovery key as printed at creation: groups of base32 letters; spaces and dashes are ignored when read back. */
export const recoveryKeySchema = z.string().min(20).max(200);

/** What unlocks a workspace: its passphrase, or the recovery key printed when it was encrypted. */
export const unlockSecretSchema = z.union([
  z.strictObject({ passphrase: passphraseSchema }),
  z.strictObject({ recoveryKey: recoveryKeySchema }),
]);
export type UnlockSecret = z.infer<typeof unlockSecretSchema>;

export const kdfInfoSchema = z.object({
  name: z.literal('argon2id'),
  memoryKiB: z.number().int(),
  iterations: z.number().int(),
  parallelism: z.number().int(),
});

/** What Settings → Security shows, and `localyst doctor --json`'s `encrypted`. */
export const workspaceSecuritySchema = z.object({
  encrypted: z.boolean(),
  /** The page cipher, e.g. 'chacha20' (ChaCha20-Poly1305 as SQLite3 Multiple Ciphers names it); null when plain. */
  cipher: z.string().nullable(),
  kdf: kdfInfoSchema.nullable(),
  /** The data key is also kept wrapped by this computer's OS key store (desktop only), so no passphrase is asked. */
  rememberedOnThisComputer: z.boolean(),
  /** Whether the desktop offers remembering here (a real OS key store, not Linux's plain-text fallback). */
  osKeyStoreAvailable: z.boolean(),
  /** A recovery key was made for this workspace (it is shown once, never stored in plain). */
  hasRecoveryKey: z.boolean(),
  /** Files of the workspace folder that are not encrypted (uploads, exports), for the plain warning. */
  plainFiles: z.array(z.object({ file: z.string(), bytes: z.number().int() })),
});
export type WorkspaceSecurity = z.infer<typeof workspaceSecuritySchema>;

/** Turn a plain workspace into an encrypted one (job `workspace.encrypt`). */
export const encryptInputSchema = z.strictObject({
  passphrase: passphraseSchema,
  /** Desktop: also keep the data key wrapped by the OS key store. */
  remember: z.boolean().default(false),
});
export type EncryptInput = z.infer<typeof encryptInputSchema>;

/** The job's result: the recovery key, shown once and never again. */
export const encryptResultSchema = z.object({
  recoveryKey: z.string(),
  cipher: z.string(),
  seconds: z.number(),
  bytes: z.number().int(),
});
export type EncryptResult = z.infer<typeof encryptResultSchema>;

/** Turn an encrypted workspace back into a plain one (job `workspace.decrypt`): the passphrase is asked again. */
export const decryptInputSchema = unlockSecretSchema;
export type DecryptInput = z.infer<typeof decryptInputSchema>;
export const decryptResultSchema = z.object({ seconds: z.number(), bytes: z.number().int() });
export type DecryptResult = z.infer<typeof decryptResultSchema>;

/** Change the passphrase: the data key is re-wrapped, the data is not re-encrypted. */
export const changePassphraseInputSchema = z.strictObject({
  current: unlockSecretSchema,
  next: passphraseSchema,
});

/** Open a locked (encrypted) workspace: the engine answers `workspace-encrypted` until this succeeds. */
export const unlockInputSchema = z.strictObject({
  secret: unlockSecretSchema,
  remember: z.boolean().default(false),
});

/** Exports written outside the database can be packed into an AES-256 zip archive (7-Zip, WinZip, Keka open it). */
export const archiveOptionSchema = z.strictObject({ passphrase: passphraseSchema.refine((p) => p.length >= 8, 'At least 8 characters.') });
export type ArchiveOption = z.infer<typeof archiveOptionSchema>;

/** The one field every export input gains (customers, segment, campaign, synthetic twin): spread into its object. */
export const archiveInput = {
  /** Pack the export into an AES-256 zip with this passphrase instead of leaving a plain file. */
  archive: archiveOptionSchema.optional(),
};
