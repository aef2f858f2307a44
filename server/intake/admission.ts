// Admission control: when the sequencer's backlog or its oldest waiting
// request passes a bound, new submissions are turned away at once with 429
// and Retry-After instead of queueing until every answer is late
// (docs/opening-day.md). Retries of an already accepted key are still
// answered: they cost no work in the queue.

export interface AdmissionLimits {
  /** the most events that may wait for the sequencer */
  maxBacklog: number;
  /** the longest the oldest waiting event may have waited, ms */
  maxWaitMs: number;
}

export const DEFAULT_LIMITS: AdmissionLimits = { maxBacklog: 4000, maxWaitMs: 300 };

export interface Backlog {
  events: number;
  oldestMs: number;
}

/** Seconds to tell a turned-away client to wait, or null to let the request in. */
export function admissionDelay(backlog: Backlog, limits: AdmissionLimits): number | null {
  if (backlog.events < limits.maxBacklog && backlog.oldestMs < limits.maxWaitMs) return null;
  // One second is the smallest Retry-After; a deeper backlog asks for a little more, so
  // that the retries of a turned-away crowd spread out instead of returning together.
  const over = Math.max(backlog.events / limits.maxBacklog, backlog.oldestMs / limits.maxWaitMs);
  return Math.min(10, Math.max(1, Math.ceil(over)));
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): AdmissionLimits {
  const num = (name: string, fallback: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${v} is not a positive number`);
    return n;
  };
  return {
    maxBacklog: num('KABYL_INTAKE_MAX_BACKLOG', DEFAULT_LIMITS.maxBacklog),
    maxWaitMs: num('KABYL_INTAKE_MAX_WAIT_MS', DEFAULT_LIMITS.maxWaitMs),
  };
}
