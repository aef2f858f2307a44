// `streams`: every stream's seats and its class-size warnings, by district,
// school and language.
import { type ClassSizeLevel, type NormWarning, assessStream } from '../district/classNorms';
import type { Engine } from '../engine/engine';
import type { Locality } from '../engine/model';
import { CLASS_SIZE_LEVEL, LANGUAGE, LOCALITY, NORM_WARNING } from './labels';
import { asOfOf, byText, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export interface StreamRow {
  schoolId: string;
  schoolName: string;
  districtId: string;
  locality: Locality | null;
  language: string;
  quota: number;
  occupied: number;
  free: number;
  overflow: number;
  classes: number | null;
  seatsPerClass: number | null;
  childrenPerClass: number | null;
  classNorm: number;
  classSizeLevel: ClassSizeLevel;
  warnings: NormWarning[];
}

export const STREAM_COLUMNS: readonly Column<StreamRow>[] = [
  { key: 'districtId', kind: 'text', value: (r) => r.districtId },
  { key: 'schoolId', kind: 'text', value: (r) => r.schoolId },
  { key: 'schoolName', kind: 'text', value: (r) => r.schoolName },
  { key: 'locality', kind: 'enum', domain: LOCALITY, value: (r) => r.locality },
  { key: 'language', kind: 'enum', domain: LANGUAGE, value: (r) => r.language },
  { key: 'quota', kind: 'integer', value: (r) => r.quota },
  { key: 'occupied', kind: 'integer', value: (r) => r.occupied },
  { key: 'free', kind: 'integer', value: (r) => r.free },
  { key: 'overflow', kind: 'integer', value: (r) => r.overflow },
  { key: 'classes', kind: 'integer', value: (r) => r.classes },
  { key: 'seatsPerClass', kind: 'decimal', value: (r) => r.seatsPerClass },
  { key: 'childrenPerClass', kind: 'decimal', value: (r) => r.childrenPerClass },
  { key: 'classNorm', kind: 'integer', value: (r) => r.classNorm },
  { key: 'classSizeLevel', kind: 'enum', domain: CLASS_SIZE_LEVEL, value: (r) => r.classSizeLevel },
  { key: 'warnings', kind: 'enumList', domain: NORM_WARNING, value: (r) => r.warnings },
];

export function streamsReport(engine: Engine): ReportTable<StreamRow> {
  const rows: StreamRow[] = [];
  for (const s of engine.streams.values()) {
    // A stream exists only once its school does (quota.set checks it).
    const school = engine.schools.get(s.schoolId)!;
    const a = assessStream(s, school);
    rows.push({
      schoolId: s.schoolId,
      schoolName: school.name,
      districtId: school.districtId,
      locality: school.locality,
      language: s.language,
      quota: s.quota,
      occupied: s.occupied,
      free: Math.max(0, s.quota - s.occupied),
      overflow: Math.max(0, s.occupied - s.quota),
      classes: s.classes,
      seatsPerClass: a.seatsPerClass,
      childrenPerClass: a.childrenPerClass,
      classNorm: a.norm,
      classSizeLevel: a.level,
      warnings: a.warnings,
    });
  }
  rows.sort(
    (x, y) =>
      byText(x.districtId, y.districtId) ||
      byText(x.schoolId, y.schoolId) ||
      byText(x.language, y.language),
  );
  return {
    name: 'streams',
    columns: STREAM_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
