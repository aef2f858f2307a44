// A district's set-up as a clean workbook describes it: the schools, their
// micro-districts and their streams' quotas. Rows keep their Excel row so a
// preview can point back at the file.
import type { SchoolKind } from '../log/events';
import type { Locality } from '../engine/model';

export interface SchoolEntry {
  id: string;
  name: string;
  kind: SchoolKind;
  districtId: string;
  languages: string[];
  locality: Locality | null;
  classSizeNorm: number | null;
  row: number;
}

export interface CatchmentEntry {
  schoolId: string;
  prefix: string;
  row: number;
}

export interface QuotaEntry {
  schoolId: string;
  language: string;
  seats: number;
  /** planned classes; null leaves the stream's classes as they are */
  classes: number | null;
  row: number;
}

export interface DistrictModel {
  schools: SchoolEntry[];
  catchments: CatchmentEntry[];
  quotas: QuotaEntry[];
}
