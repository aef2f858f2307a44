// Builds small campaign logs for tests: a readable script of a campaign
// instead of hand-written JSON lines. Times advance a second per event from a
// cursor that `at()` moves, so logs are always in time order.
import type { LogEvent } from '../../shared/log/events';
import { type ReplayOutput, replayText } from '../../shared/engine/replay';

export const T = {
  before: '2026-03-01T10:00:00+06:00',
  stage1: '2026-04-11T09:00:00+06:00',
  stage2: '2026-06-27T09:00:00+06:00',
  documents: '2026-08-01T00:00:00+06:00',
  stage2End: '2026-09-11T00:00:00+06:00',
  deadline: '2026-09-15T00:00:00+06:00',
};

export const CALENDAR = {
  year: 2026,
  stage1Start: T.stage1,
  stage2Start: T.stage2,
  stage2End: T.stage2End,
  documentsStart: T.documents,
  documentsEnd: T.deadline,
  birthDateFrom: '2019-01-01',
  birthDateTo: '2020-12-31',
};

export const ALL_DOCUMENTS = [
  'passport',
  'birth_certificate',
  'medical_f26',
  'medical_f63',
  'photos',
];

/** A valid child PIN: male, born 15.05.2019 unless told otherwise, serial n. */
export function pin(n: number, birth = '15052019', sex: 1 | 2 = 2): string {
  return `${sex}${birth}${String(n).padStart(5, '0')}`;
}

interface SchoolSpec {
  kind?: string;
  catchment?: string[];
  quotas?: Record<string, number>;
}

interface SubmitSpec {
  pin?: string;
  school?: string;
  language?: string;
  address?: string;
  privilege?: string;
}

export class LogBuilder {
  readonly events: LogEvent[] = [];
  private seq = 0;
  private cursor: number;

  constructor(calendar: Record<string, unknown> = {}) {
    this.cursor = Date.parse(T.before);
    this.push('campaign.opened', { ...CALENDAR, ...calendar });
  }

  /** Moves the clock; later events come a second apart from here. */
  at(instant: string): this {
    this.cursor = Date.parse(instant) - 1000;
    return this;
  }

  push(type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
    const id = `e${++this.seq}`;
    this.cursor += 1000;
    const at = new Date(this.cursor + 6 * 3600_000).toISOString().replace('Z', '+06:00');
    this.events.push({ id, type, at, data, ...extra } as LogEvent);
    return id;
  }

  school(id: string, spec: SchoolSpec = {}): this {
    this.push('school.registered', {
      schoolId: id,
      name: `School ${id}`,
      kind: spec.kind ?? 'state',
      districtId: 'D1',
    });
    if (spec.catchment) this.push('catchment.set', { schoolId: id, addresses: spec.catchment });
    for (const [language, seats] of Object.entries(spec.quotas ?? { ky: 5 }))
      this.quota(id, language, seats);
    return this;
  }

  quota(schoolId: string, language: string, seats: number): string {
    return this.push('quota.set', { schoolId, language, seats });
  }

  submit(applicationId: string, spec: SubmitSpec = {}, n = this.seq + 1): string {
    return this.push('application.submitted', {
      applicationId,
      child: { pin: spec.pin ?? pin(n), lastName: 'Asanov', firstName: 'Aibek', citizenship: 'KG' },
      guardian: { pin: '11203198500021', email: 'parent@example.kg', phone: '+996700000001' },
      schoolId: spec.school ?? 'S1',
      language: spec.language ?? 'ky',
      registeredAddress: spec.address ?? 'BISH.OKT.ST01.H1',
      ...(spec.privilege ? { privilege: { category: spec.privilege } } : {}),
    });
  }

  withdraw(applicationId: string): string {
    return this.push('application.withdrawn', { applicationId });
  }

  transfer(applicationId: string, toSchoolId: string, toLanguage?: string): string {
    return this.push('application.transfer_requested', {
      applicationId,
      toSchoolId,
      ...(toLanguage ? { toLanguage } : {}),
    });
  }

  review(applicationId: string, decision: 'approved' | 'rejected'): string {
    return this.push('privilege.reviewed', { applicationId, decision });
  }

  documents(applicationId: string, items = ALL_DOCUMENTS): string {
    return this.push('documents.received', { applicationId, items });
  }

  order(schoolId: string, orderNumber: string): string {
    return this.push('order.issued', { schoolId, orderNumber });
  }

  openCase(
    caseId: string,
    child: Record<string, unknown> = { fullName: 'Bakyt uulu Timur' },
  ): string {
    return this.push('commission.case_opened', { caseId, child, reason: 'no documents' });
  }

  place(caseId: string, schoolId = 'S1', language = 'ky'): string {
    return this.push('commission.decided', { caseId, decision: 'place', schoolId, language });
  }

  decline(caseId: string): string {
    return this.push('commission.decided', { caseId, decision: 'decline' });
  }

  text(): string {
    return this.events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  }

  replay(at?: string): ReplayOutput {
    return replayText(this.text(), at);
  }
}
