// The narrow view of the SQLite store that the services use. main/store owns the
// SQL; storeAdapter.ts maps its API onto this, so a change there touches one file.
import type { SyncPort } from './sync/syncPort';
import type { Engine } from '../../shared/engine/engine';
import type { Status } from '../../shared/engine/model';
import type { LogEvent } from '../../shared/log/events';
import type { AppendResult } from '../store';
import type { StoreReads } from './storeReads';
import type { QuotaOverride, WhatIfResult } from '../../shared/district/whatIf';
import type { QueueRaise, QueueWhatIfResult } from '../../shared/district/queueWhatIf';
import type { Role, StoreKind } from '../../shared/ipc/contract';

export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  schoolId: string | null;
  passwordHash: string;
}

export interface CampaignCalendar {
  year: number;
  stage1Start: string;
  stage2Start: string;
  stage2End: string;
  documentsStart: string;
  documentsEnd: string;
  /** R16: the campaign keeps waitlists */
  waitlist: boolean;
}

export interface SchoolRow {
  schoolId: string;
  name: string;
  kind: string;
  districtId: string;
}

export interface StreamRow {
  schoolId: string;
  language: string;
  quota: number;
  occupied: number;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  linesRead: number;
  eventsAdded: number;
  duplicates: number;
}

export interface ImportOutcome extends ImportProgress {
  error: { line: number | null; message: string } | null;
}

export interface StorePort {
  readonly kind: StoreKind;
  readonly file: string;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** every setting whose key starts with `prefix`, by key */
  settingsWithPrefix(prefix: string): Promise<Record<string, string>>;
  findUser(username: string): Promise<StoredUser | null>;
  addUser(user: Omit<StoredUser, 'id'>): Promise<StoredUser>;
  /** replaces a user's password hash (argon2id migration on sign-in) */
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  campaign(): Promise<CampaignCalendar | null>;
  eventCount(): Promise<number>;
  lastEventAt(): Promise<string | null>;
  schools(schoolId?: string): Promise<SchoolRow[]>;
  streams(schoolId?: string): Promise<StreamRow[]>;
  statusCounts(schoolId?: string): Promise<Partial<Record<Status, number>>>;
  openCases(): Promise<number>;
  verify(): Promise<{ ok: boolean; events: number; differences: string[] }>;
  rebuild(): Promise<{ events: number }>;
  /** Appends events in one transaction through the engine (see main/services/events/recordEvents.ts). */
  append(events: LogEvent[]): Promise<AppendResult>;
  /** The engine after the last write, for dry runs; never mutate it. */
  engine(): Promise<Engine>;
  /**
   * The what-if of shared/district/whatIf.ts on this store's log, off the main
   * thread (main/store/whatIf/): `events` is how many it replayed.
   */
  whatIf(overrides: QuotaOverride[]): Promise<{ result: WhatIfResult; events: number }>;
  /**
   * R16: who a quota raise stamped `at` would place from the queues, on the log as
   * it stands, off the main thread (main/store/whatIf/queueWhatIfOnStore.ts).
   */
  queueWhatIf(
    raise: QueueRaise,
    at: string,
  ): Promise<{ result: QueueWhatIfResult; events: number }>;
  /**
   * The store's read side (registry, event history, orders, full schools and
   * streams, the audit's checks) for the feature services, typed by StoreReads;
   * the narrow methods above stay for the shell's own screens.
   */
  readonly reads: StoreReads;
  /** Import a .jsonl file off the main thread; resolves when it is committed or rejected as a whole. */
  importFile(path: string, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome>;
  /** sync with the central server: a real district's; null for the demo */
  readonly sync: SyncPort | null;
  close(): Promise<void>;
}
