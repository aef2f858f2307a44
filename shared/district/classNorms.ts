// Class-size norms (RULES.md "Scale facts"): the legal norm is 25 pupils per
// class in rural schools and 30 in urban ones, 36 at most; the source document
// calls 50 and more a sanitary breach. A school may carry its own norm
// (`classSizeNorm` on school.registered). Used by the streams report and the
// quotas screen, so both warn about the same streams.
import type { Locality } from '../engine/model';

export const RURAL_NORM = 25;
export const URBAN_NORM = 30;
export const MAX_CLASS_SIZE = 36;
export const SANITARY_BREACH = 50;

/** In increasing severity: a level includes every one before it. */
export const CLASS_SIZE_LEVELS = ['ok', 'above_norm', 'above_max', 'far_above'] as const;
export type ClassSizeLevel = (typeof CLASS_SIZE_LEVELS)[number];

export const NORM_WARNINGS = ['above_norm', 'above_max', 'far_above', 'overflow'] as const;
export type NormWarning = (typeof NORM_WARNINGS)[number];

export interface NormSubject {
  locality: Locality | null;
  classSizeNorm: number | null;
}

/**
 * The seats-per-class norm of a school. A school whose locality is unknown is
 * held to the urban norm: the looser one, so that a missing field never
 * raises a warning the district cannot act on.
 */
export function legalNorm(school: NormSubject): number {
  if (school.classSizeNorm !== null) return school.classSizeNorm;
  return school.locality === 'rural' ? RURAL_NORM : URBAN_NORM;
}

/** Seats per planned class, one decimal; null when the classes are not planned. */
export function seatsPerClass(seats: number, classes: number | null): number | null {
  if (classes === null || classes <= 0) return null;
  return Math.round((seats / classes) * 10) / 10;
}

export interface StreamLoad {
  quota: number;
  occupied: number;
  classes: number | null;
}

export interface NormAssessment {
  norm: number;
  /** quota / classes: what the district planned */
  seatsPerClass: number | null;
  /**
   * max(quota, occupied) / classes: what the classes will hold. A stream in
   * overflow puts its extra children into the same classes, so the warning
   * follows the larger of the two.
   */
  childrenPerClass: number | null;
  level: ClassSizeLevel;
  /** every warning that applies, in increasing severity, overflow last */
  warnings: NormWarning[];
}

export function classSizeLevel(perClass: number | null, norm: number): ClassSizeLevel {
  if (perClass === null) return 'ok';
  if (perClass >= SANITARY_BREACH) return 'far_above';
  if (perClass > MAX_CLASS_SIZE) return 'above_max';
  if (perClass > norm) return 'above_norm';
  return 'ok';
}

export function assessStream(stream: StreamLoad, school: NormSubject): NormAssessment {
  const norm = legalNorm(school);
  const planned = seatsPerClass(stream.quota, stream.classes);
  const load = seatsPerClass(Math.max(stream.quota, stream.occupied), stream.classes);
  const level = classSizeLevel(load, norm);
  const warnings: NormWarning[] = [];
  const rank = CLASS_SIZE_LEVELS.indexOf(level);
  if (rank >= 1) warnings.push('above_norm');
  if (rank >= 2) warnings.push('above_max');
  if (rank >= 3) warnings.push('far_above');
  if (stream.occupied > stream.quota) warnings.push('overflow');
  return { norm, seatsPerClass: planned, childrenPerClass: load, level, warnings };
}
