/**
 * The contract's channel and event names as plain data, for the sandboxed preload: importing the contract itself
 * would bundle zod into it. Only type imports reach back to the contract, so this module has no runtime
 * dependencies. test/unit/preload/ipc-names.test.ts proves the lists equal `channelNames` and `eventNames`.
 */
import type { Channel, EventName } from './contract';
import type { AppErrorData } from './errors';

export const CHANNEL_NAMES = [
  'app.info',
  'workspace.current',
  'workspace.list',
  'workspace.open',
  'workspace.stats',
  'dashboard.summary',
  'analytics.rfm',
  'analytics.cohorts',
  'analytics.trends',
  'demo.generate',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'settings.get',
  'settings.update',
  'import.inspect',
  'import.preview',
  'import.start',
  'import.history',
  'import.undo',
  'mappings.list',
  'mappings.delete',
  'customers.page',
  'customers.count',
  'customers.get',
  'customers.reveal',
  'customers.erase',
  'customers.eraseLeftovers',
  'customers.export',
  'views.list',
  'views.save',
  'views.delete',
  'customers.health',
  'clv.fit',
  'clv.predict',
  'models.options',
  'models.list',
  'models.get',
  'models.activate',
  'models.train',
  'models.trainClv',
  'recommend.train',
  'segments.fields',
  'segments.count',
  'segments.why',
  'segments.list',
  'segments.get',
  'segments.create',
  'segments.update',
  'segments.delete',
  'segments.profile',
  'segments.compare',
  'segments.discover',
  'segments.export',
  'model.trainTable',
  'model.tableColumns',
  'text.trainTable',
  'federate.simulate',
  'copy.generate',
  'copy.check',
  'copy.audience',
  'copy.reviews',
  'copy.preview',
  'copy.libraryList',
  'copy.librarySave',
  'copy.libraryUpdate',
  'copy.libraryDelete',
  'copy.libraryHistory',
  'copy.libraryExport',
  'copy.llmStatus',
  'copy.llmChoose',
  'campaigns.list',
  'campaigns.get',
  'campaigns.create',
  'campaigns.update',
  'campaigns.delete',
  'campaigns.audience',
  'campaigns.power',
  'campaigns.experiment',
  'campaigns.forecast',
  'campaigns.export',
  'campaigns.importResults',
  'campaigns.report',
  'campaigns.compare',
  'campaigns.uplift',
  'recommend.forCustomer',
  'recommend.product',
  'recommend.status',
  'recommend.products',
  'reviews.analyze',
  'reviews.overview',
  'reviews.themes',
  'reviews.quotes',
  'synth.columns',
  'synth.train',
  'synth.list',
  'synth.get',
  'synth.delete',
  'synth.sample',
  'synth.workspace',
  'federate.features',
  'federate.propose',
  'federate.join',
  'federate.accept',
  'federate.list',
  'federate.get',
  'federate.delete',
  'workspace.security',
  'workspace.unlock',
  'workspace.encrypt',
  'workspace.decrypt',
  'workspace.passphrase',
] as const satisfies readonly Channel[];

export const EVENT_NAMES = [
  'job.started',
  'job.progress',
  'job.done',
  'job.failed',
  'workspace.changed',
  'engine.status',
] as const satisfies readonly EventName[];

// Fails type-check when the contract gains a name these lists lack.
type MustBeNever<T extends never> = T;
export type MissingChannelNames = MustBeNever<Exclude<Channel, (typeof CHANNEL_NAMES)[number]>>;
export type MissingEventNames = MustBeNever<Exclude<EventName, (typeof EVENT_NAMES)[number]>>;

/** The Electron IPC channels the preload bridge uses (wire.ts re-exports them). */
export const IPC_INVOKE = 'localyst:invoke';
export const IPC_EVENT = 'localyst:event';
/** Desktop only: asks main to show an open or save dialog; answers a file handle, never the path. */
export const IPC_CHOOSE_FILE = 'localyst:choose-file';

/** Why the page asks for a file, which decides the dialog main shows and what the handle may be used for. */
export const FILE_CHOICE_PURPOSES = ['import', 'table', 'model', 'workspace', 'export-csv', 'export-folder'] as const;
export type FileChoicePurpose = (typeof FILE_CHOICE_PURPOSES)[number];
/** A file the user chose: the handle requests carry, and the file's own name to show. */
export type BridgeChosenFile = { handle: string; name: string };

/** The envelope a bridge call resolves to (the same shape as `Envelope` in errors.ts). */
export type BridgeEnvelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/**
 * What the Electron preload exposes as `window.localyst`. Loosely typed on purpose: it is what the preload really
 * accepts at run time (any string; names outside the contract come back as an `unknown-channel` envelope), and the
 * renderer's typed client sits on top of it. `invoke` never rejects; `on` returns the function that unsubscribes.
 */
export type LocalystBridge = {
  invoke(channel: string, input: unknown): Promise<BridgeEnvelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Shows main's dialog for `purpose`; null when the user cancelled. */
  chooseFile(purpose: string, suggestedName?: string): Promise<BridgeEnvelope<BridgeChosenFile | null>>;
};
