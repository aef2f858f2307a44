// Replaying a log: lines in, the `kabyl replay` document out (FORMATS.md).
import { LogError, parseEventLine } from '../log/parseLine';
import { Engine, type EngineOptions } from './engine';
import type { Basis, CaseStatus, PrivilegeState, Stage, Status } from './model';
import type { Reason } from './reasons';

export interface ApplicationOutcome {
  status: Status;
  reason: Reason | null;
  schoolId: string;
  language: string;
  stage: Stage | null;
  basis: Basis | null;
  privilege: PrivilegeState;
  orderNumber: string | null;
}

export interface StreamOutcome {
  quota: number;
  occupied: number;
  free: number;
  overflow: number;
}

export interface ReplayOutput {
  asOf: string | null;
  applications: Record<string, ApplicationOutcome>;
  streams: Record<string, StreamOutcome>;
  cases: Record<string, { status: CaseStatus }>;
  rejections: { eventId: string; type: string; reason: Reason }[];
  stats: { events: number; duplicates: number };
}

/** Feeds numbered lines to an engine; a malformed line throws a LogError naming it. */
export class Replayer {
  readonly engine: Engine;
  private lineNo = 0;

  constructor(engine: Engine | EngineOptions = {}) {
    this.engine = engine instanceof Engine ? engine : new Engine(engine);
  }

  /** One physical line (without its newline). Blank lines count for numbering only. */
  line(text: string): void {
    const n = ++this.lineNo;
    if (isBlank(text)) return;
    const event = parseEventLine(text, n);
    try {
      this.engine.ingest(event);
    } catch (e) {
      if (e instanceof LogError && e.line === undefined) throw new LogError(e.message, n);
      throw e;
    }
  }

  /** Ends the input: an empty log has no campaign, which is malformed. */
  finish(at?: string): ReplayOutput {
    if (this.engine.campaign === null) throw new LogError('the log is empty: it must begin with campaign.opened', this.lineNo + 1);
    if (at !== undefined) this.engine.advanceTo(at);
    return replayOutput(this.engine);
  }
}

/** Splits a stream of text chunks into lines, keeping the partial last one for the next chunk. */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: string): void {
    let text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    text = '';
  }
  end(): void {
    if (this.rest !== '') this.onLine(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest);
    this.rest = '';
  }
}

export function replayText(text: string, at?: string): ReplayOutput {
  const r = new Replayer();
  const split = new LineSplitter((l) => r.line(l));
  split.push(text);
  split.end();
  return r.finish(at);
}

export function replayOutput(engine: Engine): ReplayOutput {
  const applications: Record<string, ApplicationOutcome> = {};
  for (const a of engine.applications.values()) {
    applications[a.id] = {
      status: a.status,
      reason: a.reason,
      schoolId: a.schoolId,
      language: a.language,
      stage: a.stage,
      basis: a.basis,
      privilege: a.privilege,
      orderNumber: a.orderNumber,
    };
  }
  const streams: Record<string, StreamOutcome> = {};
  for (const s of engine.streams.values()) {
    streams[s.key] = {
      quota: s.quota,
      occupied: s.occupied,
      free: Math.max(0, s.quota - s.occupied),
      overflow: Math.max(0, s.occupied - s.quota),
    };
  }
  const cases: Record<string, { status: CaseStatus }> = {};
  for (const c of engine.cases.values()) cases[c.id] = { status: c.status };
  return {
    asOf: engine.lastAt,
    applications,
    streams,
    cases,
    rejections: engine.rejections.map((r) => ({ eventId: r.eventId, type: r.type, reason: r.reason })),
    stats: { ...engine.stats },
  };
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
