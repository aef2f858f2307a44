// The EMIS export (issue 10, docs/portal.md "EMIS export"): every child
// enrolled in the campaign, one record each, in a fixed order with fixed
// columns, so the same log always gives the same bytes. The columns follow
// OpenEMIS's student import (identity number, names, gender, date of birth,
// nationality, institution, education grade, start date) plus what Kyrgyz
// admission adds: language of instruction, admission order and date, privilege.
import { Engine } from '../engine/engine';
import { parsePin } from '../engine/pin';
import type { LogEvent } from '../log/events';

export const EMIS_COLUMNS = [
  'academic_period',
  'identity_type',
  'identity_number',
  'last_name',
  'first_name',
  'middle_name',
  'full_name',
  'gender',
  'date_of_birth',
  'nationality',
  'institution_code',
  'institution_name',
  'district_code',
  'education_grade',
  'language_of_instruction',
  'admission_basis',
  'privilege_category',
  'privilege_status',
  'admission_order_number',
  'admission_order_date',
  'application_id',
] as const;
export type EmisRecord = Record<(typeof EMIS_COLUMNS)[number], string>;

export interface EmisExport {
  year: number;
  documentsEnd: number;
  records: EmisRecord[];
}

interface Names {
  lastName: string;
  firstName: string;
  patronymic: string;
  citizenship: string;
}

/** Replays the log and lists every enrolled child, sorted by school, language, PIN, application id. */
export function emisExport(events: Iterable<LogEvent>): EmisExport {
  const engine = new Engine();
  const names = new Map<string, Names>();
  for (const e of events) {
    engine.ingest(e);
    if (e.type === 'application.submitted') {
      const c = e.data.child;
      names.set(e.data.applicationId, {
        lastName: c.lastName,
        firstName: c.firstName,
        patronymic: c.patronymic ?? '',
        citizenship: c.citizenship,
      });
    }
  }
  const c = engine.campaign;
  if (c === null) throw new Error('the log has no campaign.opened');
  const orderDate = new Map<string, string>();
  for (const o of engine.orders) orderDate.set(`${o.schoolId}\n${o.orderNumber}`, bishkekDate(o.at));
  const records: EmisRecord[] = [];
  for (const a of engine.applications.values()) {
    if (a.status !== 'enrolled') continue;
    const school = engine.schools.get(a.schoolId);
    const n = names.get(a.id);
    const pin = a.pin ? parsePin(a.pin) : null;
    const kase = a.caseId ? engine.cases.get(a.caseId) : undefined;
    records.push({
      academic_period: `${c.year}-${c.year + 1}`,
      identity_type: a.pin ? 'PIN' : '',
      identity_number: a.pin ?? '',
      last_name: n?.lastName ?? '',
      first_name: n?.firstName ?? '',
      middle_name: n?.patronymic ?? '',
      full_name: n ? [n.lastName, n.firstName, n.patronymic].filter(Boolean).join(' ') : a.childName,
      gender: pin ? (pin.sex === 'female' ? 'F' : 'M') : '',
      date_of_birth: pin?.birthDate ?? kase?.birthDate ?? '',
      nationality: n?.citizenship ?? '',
      institution_code: a.schoolId,
      institution_name: school?.name ?? '',
      district_code: school?.districtId ?? '',
      education_grade: 'Grade 1',
      language_of_instruction: a.language,
      admission_basis: a.basis ?? '',
      privilege_category: a.privilegeCategory ?? '',
      privilege_status: a.privilege,
      admission_order_number: a.orderNumber ?? '',
      admission_order_date: a.orderNumber ? (orderDate.get(`${a.schoolId}\n${a.orderNumber}`) ?? '') : '',
      application_id: a.id,
    });
  }
  const key = (r: EmisRecord) => [r.institution_code, r.language_of_instruction, r.identity_number, r.application_id];
  records.sort((x, y) => {
    const a = key(x), b = key(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  });
  return { year: c.year, documentsEnd: c.documentsEnd, records };
}

/** RFC 4180: CRLF line ends, every field quoted, quotes doubled; UTF-8 without BOM. */
export function emisCsv(records: readonly EmisRecord[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [EMIS_COLUMNS.map(q).join(',')];
  for (const r of records) lines.push(EMIS_COLUMNS.map((k) => q(r[k])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** `{format, year, count, records}` with keys in EMIS_COLUMNS order, two-space indent. */
export function emisJson(x: EmisExport): string {
  const records = x.records.map((r) => Object.fromEntries(EMIS_COLUMNS.map((k) => [k, r[k]])));
  return JSON.stringify({ format: 'kabyl-emis/1', year: x.year, count: records.length, records }, null, 2) + '\n';
}

function bishkekDate(at: string): string {
  const ms = Date.parse(at);
  return new Date(ms + 6 * 3600_000).toISOString().slice(0, 10);
}
