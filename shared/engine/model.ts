// The engine's state, as plain data: what the fold over the log accumulates.
import type { SchoolKind } from '../log/events';
import type { Reason } from './reasons';
import type { Catchment } from './catchment';

export type Status =
  | 'registered'
  | 'documents_received'
  | 'enrolled'
  | 'refused'
  | 'withdrawn'
  | 'no_documents'
  | 'waitlisted';
export type Basis = 'catchment' | 'privilege' | 'open' | 'commission';
export type PrivilegeState = 'none' | 'pending' | 'approved' | 'rejected';
export type CaseStatus = 'open' | 'placed' | 'declined';
export type Stage = 1 | 2;

/** Statuses that hold a seat and block a second application of the same child (R3). */
export const ACTIVE_STATUSES: ReadonlySet<Status> = new Set([
  'registered',
  'documents_received',
  'enrolled',
]);

export interface Campaign {
  year: number;
  stage1Start: number;
  stage2Start: number;
  stage2End: number;
  documentsStart: number;
  documentsEnd: number;
  birthFrom: number;
  birthTo: number;
  maxWithdrawals: number | null;
  privilegeCategories: ReadonlySet<string>;
  /** R16: stage-2 queues instead of refusals */
  waitlist: boolean;
  /** the payload as written, for display and snapshots */
  raw: Record<string, unknown>;
}

export interface School {
  id: string;
  name: string;
  kind: SchoolKind;
  districtId: string;
  catchment: Catchment;
  /** Extension fields the rules ignore but district screens and reports use (see docs/log-format.md). */
  locality: Locality | null;
  /** the school's own seats-per-class norm, overriding 25 rural / 30 urban */
  classSizeNorm: number | null;
}

export type Locality = 'urban' | 'rural';

export interface Stream {
  key: string;
  schoolId: string;
  language: string;
  quota: number;
  occupied: number;
  /** planned classes (extension field of quota.set), for seats-per-class warnings */
  classes: number | null;
}

export interface Application {
  id: string;
  /** the event that created it: a submission or a commission decision */
  eventId: string;
  submittedAt: string;
  updatedAt: string;
  status: Status;
  reason: Reason | null;
  schoolId: string;
  language: string;
  stage: Stage | null;
  basis: Basis | null;
  privilege: PrivilegeState;
  privilegeCategory: string | null;
  orderNumber: string | null;
  pin: string | null;
  childName: string;
  registeredAddress: string | null;
  actualAddress: string | null;
  caseId: string | null;
}

export interface Case {
  id: string;
  status: CaseStatus;
  fullName: string;
  pin: string | null;
  birthDate: string | null;
  reason: string;
  openedAt: string;
  decidedAt: string | null;
  schoolId: string | null;
  language: string | null;
  note: string | null;
}

export interface Order {
  schoolId: string;
  orderNumber: string;
  at: string;
  eventId: string;
  applicationIds: string[];
}

export interface Rejection {
  eventId: string;
  type: string;
  reason: Reason;
}

export const streamKey = (schoolId: string, language: string): string => `${schoolId}/${language}`;
