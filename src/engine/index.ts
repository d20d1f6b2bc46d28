// The engine's entry: what the host and CLI doors may use.
export { createEngine, type Engine, type EngineOptions, type EventListener } from './engine';
export { appHome, defaultWorkspaceDir } from './workspace/paths';
export { isPlainFileName, realFileInside } from './kernel/file-grants';
export { isEncryptedWorkspace } from './workspace/encryption';
export { DB_FILE_NAME } from './db/open-workspace';
export { MIN_PASSPHRASE } from './workspace/holder';
