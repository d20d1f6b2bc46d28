// The engine's entry: what the host and CLI doors may use.
export { createEngine, type Engine, type EngineOptions, type EventListener } from './engine';
export { appHome, defaultWorkspaceDir } from './workspace/paths';
export { isPlainFileName, realFileInside } from './kernel/file-grants';
// Federation transports for `localyst federate propose|serve|join` (issue 15): files and sockets the user named.
export { serveCoordinator, joinFederation } from './federate/network';
export { runMailboxCoordinator, joinByMailbox } from './federate/mailbox';
export { createCoordinatorIdentity, parseInvitation } from './federate/invitation';
export { specFromTable } from './federate/spec-from-table';
export { checkSameSpec, checkSpecAgainstTable, modelDocument, readProposal, readSpec, writeModel, writeProposal } from './federate/federation-files';
export { readCsvTable } from './ml/table';
export { isEncryptedWorkspace } from './workspace/encryption';
export { DB_FILE_NAME } from './db/open-workspace';
export { MIN_PASSPHRASE } from './workspace/holder';
