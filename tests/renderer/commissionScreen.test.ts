// The commission screen's logic (renderer/src/features/commission/commissionScreen.ts):
// the list filter, selection, the new-case form, printing, and the decision form's
// checks and request, without a browser.
import { describe, expect, it } from 'vitest';
import type { CommissionCase } from '../../shared/ipc/channels/commission';
import {
  INITIAL_DECISION,
  INITIAL_SCREEN,
  caseById,
  caseCount,
  casesShown,
  chosenStream,
  decisionRequest,
  screenReducer,
  type ScreenAction,
} from '../../renderer/src/features/commission/commissionScreen';

const kase = (caseId: string, status: CommissionCase['status']) =>
  ({ caseId, status }) as CommissionCase;
const cases = [
  kase('C1', 'open'),
  kase('C2', 'placed'),
  kase('C3', 'declined'),
  kase('C4', 'open'),
];
const streams = [
  { key: 'S1/ky', schoolId: 'S1', language: 'ky', free: 3 },
  { key: 'S2/ru', schoolId: 'S2', language: 'ru', free: 0 },
];
const screen = (...actions: ScreenAction[]) => actions.reduce(screenReducer, INITIAL_SCREEN);

describe('commission screen', () => {
  it('shows the open cases first, each filter with its count', () => {
    expect(casesShown(cases, INITIAL_SCREEN.filter).map((c) => c.caseId)).toEqual(['C1', 'C4']);
    expect(casesShown(cases, 'all')).toHaveLength(4);
    expect(['open', 'placed', 'declined', 'all'].map((f) => caseCount(cases, f as never))).toEqual([
      2, 1, 1, 4,
    ]);
  });

  it('selecting a case closes the new-case form, and starting one clears the selection', () => {
    const selecting = screen({ type: 'startCreating' }, { type: 'select', caseId: 'C2' });
    expect(selecting).toMatchObject({ creating: false, selected: 'C2' });
    const creating = screen({ type: 'select', caseId: 'C2' }, { type: 'startCreating' });
    expect(creating).toMatchObject({ creating: true, selected: null });
  });

  it('a newly opened case is shown among the open ones, selected', () => {
    const s = screen(
      { type: 'filter', filter: 'declined' },
      { type: 'startCreating' },
      { type: 'opened', caseId: 'C9' },
    );
    expect(s).toEqual({ filter: 'open', selected: 'C9', creating: false, printing: null });
  });

  it('prints the decision sheet of a case by id, so it shows the case as now loaded', () => {
    const s = screen({ type: 'print', caseId: 'C2' });
    expect(caseById(cases, s.printing)?.status).toBe('placed');
    expect(screenReducer(s, { type: 'closePrint' }).printing).toBeNull();
    expect(caseById(cases, 'C404')).toBeNull();
  });
});

describe('decision form', () => {
  it('a placement needs a stream', () => {
    expect(decisionRequest('C1', INITIAL_DECISION, streams)).toEqual({
      ok: false,
      problem: 'chooseStream',
    });
  });

  it('placing into a full stream needs a written justification, and sends it', () => {
    const full = { ...INITIAL_DECISION, stream: 'S2/ru' };
    expect(chosenStream(full, streams).full).toBe(true);
    const unjustified = decisionRequest('C1', { ...full, justification: '   ' }, streams);
    expect(unjustified).toEqual({ ok: false, problem: 'justificationRequired' });
    expect(
      decisionRequest(
        'C1',
        { ...full, justification: ' only school in reach ', note: '' },
        streams,
      ),
    ).toEqual({
      ok: true,
      request: {
        caseId: 'C1',
        decision: 'place',
        schoolId: 'S2',
        language: 'ru',
        justification: 'only school in reach',
      },
    });
  });

  it('a placement with free seats needs no justification; a note goes along when written', () => {
    expect(
      decisionRequest('C1', { ...INITIAL_DECISION, stream: 'S1/ky', note: 'by phone' }, streams),
    ).toEqual({
      ok: true,
      request: {
        caseId: 'C1',
        decision: 'place',
        schoolId: 'S1',
        language: 'ky',
        note: 'by phone',
      },
    });
  });

  it('a refusal needs a note and sends nothing else', () => {
    const decline = {
      ...INITIAL_DECISION,
      decision: 'decline' as const,
      stream: 'S1/ky',
      justification: 'x',
    };
    expect(decisionRequest('C1', decline, streams)).toEqual({ ok: false, problem: 'noteRequired' });
    expect(decisionRequest('C1', { ...decline, note: ' moved away ' }, streams)).toEqual({
      ok: true,
      request: { caseId: 'C1', decision: 'decline', note: 'moved away' },
    });
  });
});
