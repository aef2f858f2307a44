// The narrow view of the SQLite store that the services use. main/store owns the
// SQL; storeAdapter.ts maps its API onto this, so a change there touches one file.
import type { Status } from '../../shared/engine/model';
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
  findUser(username: string): Promise<StoredUser | null>;
  addUser(user: Omit<StoredUser, 'id'>): Promise<StoredUser>;
  campaign(): Promise<CampaignCalendar | null>;
  eventCount(): Promise<number>;
  lastEventAt(): Promise<string | null>;
  schools(schoolId?: string): Promise<SchoolRow[]>;
  streams(schoolId?: string): Promise<StreamRow[]>;
  statusCounts(schoolId?: string): Promise<Partial<Record<Status, number>>>;
  openCases(): Promise<number>;
  verify(): Promise<{ ok: boolean; events: number; differences: string[] }>;
  rebuild(): Promise<{ events: number }>;
  /** Import a .jsonl file off the main thread; resolves when it is committed or rejected as a whole. */
  importFile(path: string, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome>;
  close(): Promise<void>;
}
