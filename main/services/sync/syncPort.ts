// What the sync services may ask of an open real district (main/sync implements it).
import type { SyncConflictDto, SyncStatusDto } from '../../../shared/ipc/channels/sync';

export interface PendingSummary {
  id: string;
  type: string;
  subjectId: string | null;
  at: string;
  actorId: string | null;
}

export interface SyncPort {
  status(): Promise<SyncStatusDto>;
  /** enrols this desktop with the one-time code and starts the sync loop */
  connect(req: { serverUrl: string; code: string; deviceName: string }): Promise<SyncStatusDto>;
  pending(): Promise<PendingSummary[]>;
  conflicts(): Promise<SyncConflictDto[]>;
  markSeen(ids: readonly string[]): Promise<number>;
  /** a local decision was just recorded: push it now */
  nudge(): void;
  stop(): Promise<void>;
}
