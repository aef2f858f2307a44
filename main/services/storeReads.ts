// The store's read side as the feature services see it: the registry, a child's
// history, the log page by page, orders, the full schools and streams, and the
// audit's checks. Typed by the store's DTOs (plain rows, never entities); the
// Store class satisfies it, and main/app/storeAdapter.ts hands it over, so a
// service can read nothing else of the store (no DataSource, no raw SQL, no writes).
import type {
  ApplicationQuery,
  ApplicationRow,
  ChainCheck,
  EventFilter,
  LogHead,
  Mismatch,
  OrderRow,
  QueueRow,
  SchoolRow,
  StoredEvent,
  StreamRow,
} from '../store';

export type {
  ApplicationFilter,
  ApplicationQuery,
  ApplicationRow,
  EventFilter,
  OrderRow,
  QueueRow,
  StoredEvent,
} from '../store';
export type { SchoolRow as SchoolDetail, StreamRow as StreamDetail } from '../store';

export interface StoreReads {
  /** the log's last event: its gapless seq, its hash, its instant */
  head(): Promise<LogHead>;
  /** schools with locality, class-size norm and catchment; one school when named */
  schools(schoolId?: string): Promise<SchoolRow[]>;
  /** streams with their school's fields and free/overflow seats */
  streams(schoolId?: string): Promise<StreamRow[]>;
  /** a window of the registry, sorted and paged in SQL (at most 1000 rows) */
  applications(query?: ApplicationQuery): Promise<{ total: number; rows: ApplicationRow[] }>;
  /** R16: every queue entry in queue order; one school's streams' queues when named */
  queues(schoolId?: string): Promise<QueueRow[]>;
  /** one application and every event about it, in log order */
  application(id: string): Promise<{ application: ApplicationRow; events: StoredEvent[] } | null>;
  /** admission orders in log order */
  orders(schoolId?: string): Promise<OrderRow[]>;
  /** the log itself, page by page (at most 5000 events) */
  events(filter?: EventFilter & { afterSeq?: number; limit?: number }): Promise<StoredEvent[]>;
  countEvents(filter?: EventFilter & { afterSeq?: number }): Promise<number>;
  /** the instants of the events of one type the engine accepted, in log order */
  acceptedEventTimes(type: string): Promise<string[]>;
  /** every stored projection row against a fresh replay, in a snapshot of its own */
  verifyProjections(): Promise<{ events: number; mismatches: Mismatch[] }>;
  /** the hash chain walked from the first event to the recorded head */
  verifyChain(): Promise<ChainCheck>;
}
