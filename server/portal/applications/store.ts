// portal_applications: each parent submission as received, before and after the log decides it.
import type { Choice } from '../../../shared/portal/contract';

export interface ApplicationRow {
  application_id: string;
  position: number;
  account_id: string;
  child_pin: string;
  idempotency_key: string;
  request_hash: string;
  choice: string;
  received_at: Date;
  state: 'pending' | 'decided' | 'refused';
  refusal: string | null;
  seq: number | null;
  notified: string;
}

export const choiceOf = (row: Pick<ApplicationRow, 'choice'>): Choice => JSON.parse(row.choice) as Choice;
