// The local SQLite store: open it, write the log through it, query its projections.
export {
  openStore,
  Store,
  type OpenStoreOptions,
  type AppendResult,
  type AppendOptions,
} from './store';
export type { EventOutcome } from './log/logWriter';
export { StoreCorruptError } from './log/logWriter';
export type { ImportProgress, ImportResult, ImportOptions } from './importFile';
export { ImportCancelledError } from './importFile';
export type { ChainCheck, Mismatch } from './check';
export type * from './queries';
export { APPLICATION_SORTS } from './queries';
export { UserExistsError, type NewUser, type UserRecord, type UserRole } from './accounts';
export { resolveDataDir, storeFile, type StoreKind } from './dataDir';
export { startImportJob, type ImportJobHandle } from './importJob';
export { runQueueWhatIf, runWhatIf } from './whatIf/whatIfJob';
export {
  ChainAnchor,
  plainCodec,
  safeStorageCodec,
  type AnchorCodec,
  type RecordedHead,
} from './chainAnchor';
