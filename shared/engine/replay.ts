// Replaying a log: lines in, the `kabyl replay` document out (FORMATS.md).
import type { LogEvent } from '../log/events';
import { LogError, MAX_LINE_BYTES, lineTooLong, parseEventLine } from '../log/parseLine';
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
  /** R16: the queue the application is in (its own stream's, or a standing request's target) */
  waitlist: WaitlistPlace | null;
}

export interface WaitlistPlace {
  schoolId: string;
  language: string;
  position: number;
}

export interface StreamOutcome {
  quota: number;
  occupied: number;
  free: number;
  overflow: number;
  /** R16: entries in the stream's queue */
  waitlist: number;
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
    this.apply(parseEventLine(text, n), n);
  }

  /** An event already validated elsewhere (the CLI's reading thread), from line `line`. */
  applyAt(event: LogEvent, line: number): void {
    this.lineNo = line;
    this.apply(event, line);
  }

  get lines(): number {
    return this.lineNo;
  }

  private apply(event: LogEvent, n: number): void {
    try {
      this.engine.ingest(event);
    } catch (e) {
      if (e instanceof LogError && e.line === undefined) throw new LogError(e.message, n);
      throw e;
    }
  }

  /** Ends the input: an empty log has no campaign, which is malformed. */
  finish(at?: string): ReplayOutput {
    this.close(at);
    return replayOutput(this.engine);
  }

  /** Ends the input without building the output document (the CLI writes JSON straight from the engine). */
  close(at?: string, lines = this.lineNo): Engine {
    if (this.engine.campaign === null)
      throw new LogError('the log is empty: it must begin with campaign.opened', lines + 1);
    if (at !== undefined) this.engine.advanceTo(at);
    return this.engine;
  }
}

/** Splits a stream of text chunks into lines, keeping the partial last one for the next chunk. */
export class LineSplitter {
  private rest = '';
  /** lines handed on so far: the unfinished one is number `lines + 1` */
  private lines = 0;
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.lines++;
      this.onLine(
        text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl),
      );
      start = nl + 1;
    }
    this.rest = text.slice(start);
    // An unfinished line already over the limit (a unit is at least one byte; +1 for a CR) is
    // refused now, so a hostile file never makes us hold a gigabyte-long string.
    if (this.rest.length > MAX_LINE_BYTES + 1) throw lineTooLong(this.lines + 1);
  }
  end(): void {
    if (this.rest !== '')
      this.onLine(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest);
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

/** Where an application waits, given the positions of every queued application. */
function waitlistPlace(
  engine: Engine,
  positions: Map<string, number>,
  id: string,
): WaitlistPlace | null {
  const position = positions.get(id);
  if (position === undefined) return null;
  const stream = engine.streams.get(engine.waitlistEntry(id)!.streamKey)!;
  return { schoolId: stream.schoolId, language: stream.language, position };
}

export function replayOutput(engine: Engine): ReplayOutput {
  const applications: Record<string, ApplicationOutcome> = {};
  const positions = engine.waitlistPositions();
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
      waitlist: waitlistPlace(engine, positions, a.id),
    };
  }
  const streams: Record<string, StreamOutcome> = {};
  for (const s of engine.streams.values()) {
    streams[s.key] = {
      quota: s.quota,
      occupied: s.occupied,
      free: Math.max(0, s.quota - s.occupied),
      overflow: Math.max(0, s.occupied - s.quota),
      waitlist: engine.waitlistSize(s.key),
    };
  }
  const cases: Record<string, { status: CaseStatus }> = {};
  for (const c of engine.cases.values()) cases[c.id] = { status: c.status };
  return {
    asOf: engine.lastAt,
    applications,
    streams,
    cases,
    rejections: engine.rejections.map((r) => ({
      eventId: r.eventId,
      type: r.type,
      reason: r.reason,
    })),
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

const str = JSON.stringify;
const orNull = (v: string | null): string => (v === null ? 'null' : str(v));

/**
 * The same document as `JSON.stringify(replayOutput(engine))`, written in
 * pieces straight from the engine's state: a republic's 200k applications
 * would otherwise be copied into an intermediate object graph and one 40 MB
 * string first.
 */
export function writeReplayJson(engine: Engine, write: (piece: string) => void): void {
  write(`{"asOf":${orNull(engine.lastAt)},"applications":{`);
  let sep = '';
  const positions = engine.waitlistPositions();
  for (const a of engine.applications.values()) {
    const place = positions.size === 0 ? null : waitlistPlace(engine, positions, a.id);
    write(
      `${sep}${str(a.id)}:{"status":"${a.status}","reason":${a.reason === null ? 'null' : `"${a.reason}"`},"schoolId":${str(a.schoolId)},"language":${str(a.language)},"stage":${a.stage},"basis":${a.basis === null ? 'null' : `"${a.basis}"`},"privilege":"${a.privilege}","orderNumber":${orNull(a.orderNumber)},"waitlist":${place === null ? 'null' : str(place)}}`,
    );
    sep = ',';
  }
  write('},"streams":{');
  sep = '';
  for (const s of engine.streams.values()) {
    const free = Math.max(0, s.quota - s.occupied),
      overflow = Math.max(0, s.occupied - s.quota);
    const queued = engine.waitlistSize(s.key);
    write(
      `${sep}${str(s.key)}:{"quota":${s.quota},"occupied":${s.occupied},"free":${free},"overflow":${overflow},"waitlist":${queued}}`,
    );
    sep = ',';
  }
  write('},"cases":{');
  sep = '';
  for (const c of engine.cases.values()) {
    write(`${sep}${str(c.id)}:{"status":"${c.status}"}`);
    sep = ',';
  }
  write('},"rejections":[');
  sep = '';
  for (const r of engine.rejections) {
    write(`${sep}{"eventId":${str(r.eventId)},"type":"${r.type}","reason":"${r.reason}"}`);
    sep = ',';
  }
  write(`],"stats":{"events":${engine.stats.events},"duplicates":${engine.stats.duplicates}}}`);
}

export function replayJson(engine: Engine): string {
  const parts: string[] = [];
  writeReplayJson(engine, (p) => parts.push(p));
  return parts.join('');
}
