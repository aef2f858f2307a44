// `kabyl verify-published EXPORT --digest FILE [--placements REPLAY.json]`
// (docs/opening-day.md): does an anonymised export match the chain heads the
// server published while the campaign ran, and do its placements follow from
// it (and, given a published placements document, equal it)?
import { readFileSync } from 'node:fs';
import type { ReplayOutput } from '../../shared/engine/replay';
import { replayText } from '../../shared/engine/replay';
import { LogError } from '../../shared/log/parseLine';
import { parseDigest, verifyExport } from '../../shared/publish/publicChain';
import { nodeChainHash } from '../store/log/nodeHash';
import { type Io, UsageError, takeOption } from './io';

export const verifyPublishedHelp = `Usage:
  kabyl verify-published EXPORT.jsonl --digest FILE [--placements REPLAY.json]

Checks an anonymised export of the server's log (GET /v1/public/export, or
"kabyl server export --anonymised") against the chain heads the server
published (the digest file, one JSON line per head: seq, hash, at):

  - the export's lines carry seq 1, 2, 3, ... and the hash chain recomputed over
    them passes through every published head: a changed, reordered or dropped
    event fails;
  - the export replays (the same engine as "kabyl replay") and no stream holds
    more than its quota beyond stage-1 catchment overflow (R4), and no child
    holds two places;
  - with --placements (a "kabyl replay" document), the replay's applications
    and streams equal it.

Exit codes: 0 everything holds; 1 something does not (each failure printed);
2 bad arguments or an unreadable file.`;

const CLEAN = 'no stream over quota beyond R4, no child in two places';
const ACTIVE = new Set(['registered', 'documents_received', 'enrolled', 'waitlisted']);

export async function verifyPublishedCommand(args: string[], io: Io): Promise<number> {
  const rest = [...args];
  const digestFile = takeOption(rest, '--digest');
  const placementsFile = takeOption(rest, '--placements');
  if (rest.length !== 1) throw new UsageError('give exactly one EXPORT.jsonl', verifyPublishedHelp);
  if (!digestFile) throw new UsageError('--digest FILE is required', verifyPublishedHelp);
  const text = readText(rest[0]);
  let published;
  try {
    published = parseDigest(readText(digestFile));
  } catch (e) {
    throw new UsageError(`${digestFile}: ${(e as Error).message}`, verifyPublishedHelp);
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const report = verifyExport(lines, published, nodeChainHash);
  const failures: string[] = [...report.problems];
  for (const h of report.heads) {
    io.out(
      `head seq ${h.seq} (published ${h.publishedAt || '?'}): ` +
        `${h.ok ? 'matches' : `DOES NOT MATCH: ${h.why}`}\n`,
    );
    if (!h.ok) failures.push(`published head seq ${h.seq}: ${h.why}`);
  }
  let replay: ReplayOutput | null = null;
  try {
    replay = replayText(text);
  } catch (e) {
    if (!(e instanceof LogError)) throw e;
    failures.push(`the export does not replay: ${e.message}`);
  }
  if (replay) {
    const pins = pinsOf(lines);
    const problems = [...overQuota(replay, lines), ...twoPlaces(replay, pins)];
    failures.push(...problems);
    const apps = Object.values(replay.applications);
    io.out(
      `replay: ${report.events} events, ${apps.length} applications, ` +
        `${apps.filter((a) => ACTIVE.has(a.status)).length} holding a place; ` +
        `${problems.length === 0 ? CLEAN : `${problems.length} rule violation(s)`}\n`,
    );
    if (placementsFile)
      failures.push(
        ...comparePlacements(replay, JSON.parse(readText(placementsFile)) as ReplayOutput),
      );
  }
  if (failures.length === 0) {
    io.out('ok: the export matches every published head and its placements follow from it\n');
    return 0;
  }
  io.err(
    `kabyl verify-published: ${failures.length} failure(s):\n` +
      `${failures.map((f) => `  ${f}`).join('\n')}\n`,
  );
  return 1;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, verifyPublishedHelp);
  }
}

function pinsOf(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of lines) {
    if (!l.includes('"application.submitted"')) continue;
    const e = JSON.parse(l) as {
      type: string;
      data: { applicationId: string; child: { pin: string } };
    };
    if (e.type === 'application.submitted') out.set(e.data.applicationId, e.data.child.pin);
  }
  return out;
}

/**
 * R4 is the only way past a quota: the seats above it must be held by stage-1
 * catchment children or commission placements (which R12 lets go beyond it).
 */
function overQuota(replay: ReplayOutput, _lines: string[]): string[] {
  const allowed = new Map<string, number>();
  for (const a of Object.values(replay.applications)) {
    if (!ACTIVE.has(a.status) || a.status === 'waitlisted') continue;
    if ((a.stage === 1 && a.basis === 'catchment') || a.basis === 'commission') {
      const k = `${a.schoolId}/${a.language}`;
      allowed.set(k, (allowed.get(k) ?? 0) + 1);
    }
  }
  return Object.entries(replay.streams)
    .filter(([k, s]) => s.occupied > s.quota && s.occupied - s.quota > (allowed.get(k) ?? 0))
    .map(
      ([k, s]) =>
        `stream ${k}: ${s.occupied} seats taken of ${s.quota}, ` +
        "more than R4's catchment overflow allows",
    );
}

function twoPlaces(replay: ReplayOutput, pins: Map<string, string>): string[] {
  const count = new Map<string, string[]>();
  for (const [id, a] of Object.entries(replay.applications)) {
    if (!ACTIVE.has(a.status)) continue;
    const pin = pins.get(id);
    if (pin === undefined) continue;
    count.set(pin, [...(count.get(pin) ?? []), id]);
  }
  return [...count.values()]
    .filter((ids) => ids.length > 1)
    .map((ids) => `one child holds ${ids.join(', ')}`);
}

function comparePlacements(replay: ReplayOutput, expected: ReplayOutput): string[] {
  const out: string[] = [];
  const keys = ['status', 'reason', 'schoolId', 'language', 'stage', 'basis'] as const;
  const want = expected.applications ?? {};
  for (const [id, e] of Object.entries(want)) {
    const got = replay.applications[id];
    if (!got) out.push(`application ${id}: in the placements, not in the export's replay`);
    else
      for (const k of keys)
        if (got[k] !== e[k])
          out.push(`application ${id}: ${k} is ${String(got[k])}, placements say ${String(e[k])}`);
  }
  for (const id of Object.keys(replay.applications)) {
    if (!(id in want)) out.push(`application ${id}: in the export's replay, not in the placements`);
  }
  for (const [k, s] of Object.entries(expected.streams ?? {})) {
    const got = replay.streams[k];
    if (!got || got.occupied !== s.occupied || got.quota !== s.quota)
      out.push(`stream ${k}: differs from the placements`);
  }
  return out.slice(0, 50);
}
