import { z } from 'zod';

/**
 * Files and folders on the user's disk travel in requests as opaque handles, never as paths. A door hands one out
 * for the user's own choice only: a desktop open/save dialog, an upload in the browser mode, a path typed on the
 * CLI's command line. The engine resolves a handle to the path it was given for, or refuses.
 */
export const fileHandleSchema = z
  .string()
  .regex(/^fh_[A-Za-z0-9_-]{22}$/, 'expected a file chosen in Localyst (a dialog, an upload or the command line), not a path');
export type FileHandle = z.infer<typeof fileHandleSchema>;

/** What a handle may be used for: a file to read, a file to write, a folder to write into, a workspace folder. */
export const fileUses = ['read', 'write', 'folder', 'workspace'] as const;
export const fileUseSchema = z.enum(fileUses);
export type FileUse = z.infer<typeof fileUseSchema>;

/** What a door answers when the user chose a file: the handle and the file's own name (for display). */
export const chosenFileSchema = z.object({ handle: fileHandleSchema, name: z.string() });
export type ChosenFileHandle = z.infer<typeof chosenFileSchema>;

/** A workspace's folder name under the workspaces home: one plain name, no separators, not `.` or `..`. */
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'a workspace name is letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit');
