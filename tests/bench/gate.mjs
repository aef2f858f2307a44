// Every bench's targets: each figure is printed with its target and the machine
// it was measured on, and a bench that missed any target exits non-zero. A new
// measure is one more `gate.check(...)` (or `gate.note(...)` for a figure with
// no target).
import { cpus, loadavg, totalmem } from 'node:os';

/** The machine, as printed beside the figures: cores, CPU model, memory, Node, load now. */
export function machine() {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return (
    `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}, load ${load}`
  );
}

export class Gate {
  /** @param {string} bench the npm script's name, e.g. "bench:store" */
  constructor(bench) {
    this.bench = bench;
    this.missed = [];
    this.checked = 0;
    console.log(`${bench} on ${machine()}`);
  }

  /**
   * Prints one figure against its target and remembers a miss.
   * @param {string} label what was measured
   * @param {number} value the figure
   * @param {{ max: number, unit?: string, digits?: number, detail?: string }} target at most `max`
   * @returns {boolean} whether the target was met
   */
  check(label, value, { max, unit = '', digits = 2, detail = '' }) {
    this.checked++;
    const ok = Number.isFinite(value) && value <= max;
    const u = unit ? ` ${unit}` : '';
    const line = `${label}: ${value.toFixed(digits)}${u} (target <= ${max}${u}) ${ok ? 'ok' : 'MISSED'}`;
    console.log(detail ? `${line}; ${detail}` : line);
    if (!ok) this.missed.push(`${label} ${value.toFixed(digits)}${u} > ${max}${u}`);
    return ok;
  }

  /** A condition every run must meet (a store that verifies, say): printed, and a miss when false. */
  expect(label, ok, detail = '') {
    this.checked++;
    console.log(`${label}: ${ok ? 'ok' : 'FAILED'}${detail ? `; ${detail}` : ''}`);
    if (!ok) this.missed.push(`${label} failed`);
    return ok;
  }

  /** A figure printed for context, with no target. */
  note(label, text) {
    console.log(`${label}: ${text}`);
  }

  /** Prints the verdict and sets the exit code: 1 when any target was missed. */
  finish() {
    if (this.missed.length === 0) {
      console.log(`${this.bench}: all ${this.checked} targets met on ${machine()}`);
      return true;
    }
    console.log(
      `${this.bench}: ${this.missed.length} of ${this.checked} targets MISSED on ${machine()}:`,
    );
    for (const m of this.missed) console.log(`  ${m}`);
    process.exitCode = 1;
    return false;
  }
}
