// Generated logs shared by the generator tests, made once per test file.
import { generateLog, type GenerateOptions } from '../../shared/generator';
import { type ReplayOutput, Replayer } from '../../shared/engine/replay';
import type { LogEvent } from '../../shared/log/events';

export interface Generated {
  lines: string[];
  events: LogEvent[];
}

export function generate(options: GenerateOptions): Generated {
  const lines: string[] = [];
  const events: LogEvent[] = [];
  for (const e of generateLog(options)) {
    lines.push(JSON.stringify(e));
    events.push(e);
  }
  return { lines, events };
}

/** Replays the JSONL text exactly as `kabyl replay` reads a file, line by line. */
export function replayLines(lines: readonly string[], at?: string): ReplayOutput {
  const r = new Replayer();
  for (const line of lines) r.line(line);
  return r.finish(at);
}

export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export function ofType<T extends LogEvent['type']>(
  events: readonly LogEvent[],
  type: T,
): Extract<LogEvent, { type: T }>[] {
  return events.filter((e): e is Extract<LogEvent, { type: T }> => e.type === type);
}

/** Two Bishkek districts, Osh (Uzbek streams) and a rural district: every kind of place. */
export const MIXED: GenerateOptions = {
  seed: 42,
  districtNames: ['bishkek-oktyabrsky', 'bishkek-leninsky', 'osh', 'kara-suu', 'naryn'],
  schoolsPerDistrict: 16,
  children: 9000,
};
