// The commission screen's logic as pure functions: which cases the list shows, which
// case is open, the form to open one, the decision sheet being printed; and the
// decision form, checked before anything is sent (a stream for a placement, a
// justification beyond the quota, a note for a refusal). tests/renderer drives it.
import type { CommissionCase } from '../../../../shared/ipc/channels/commission';
import type { Req } from '../../bridge';

export const CASE_FILTERS = ['open', 'placed', 'declined', 'all'] as const;
export type CaseFilter = (typeof CASE_FILTERS)[number];

export interface CommissionScreen {
  filter: CaseFilter;
  selected: string | null;
  creating: boolean;
  /** the case whose decision sheet is open */
  printing: string | null;
}

export type ScreenAction =
  | { type: 'filter'; filter: CaseFilter }
  | { type: 'select'; caseId: string }
  | { type: 'startCreating' }
  | { type: 'cancelCreating' }
  | { type: 'opened'; caseId: string }
  | { type: 'print'; caseId: string }
  | { type: 'closePrint' };

export const INITIAL_SCREEN: CommissionScreen = {
  filter: 'open',
  selected: null,
  creating: false,
  printing: null,
};

export function screenReducer(state: CommissionScreen, action: ScreenAction): CommissionScreen {
  switch (action.type) {
    case 'filter':
      return { ...state, filter: action.filter };
    case 'select':
      return { ...state, selected: action.caseId, creating: false };
    case 'startCreating':
      return { ...state, creating: true, selected: null };
    case 'cancelCreating':
      return { ...state, creating: false };
    case 'opened':
      // A new case is open: show the open cases with it selected.
      return { ...state, creating: false, filter: 'open', selected: action.caseId };
    case 'print':
      return { ...state, printing: action.caseId };
    case 'closePrint':
      return { ...state, printing: null };
  }
}

export const casesShown = (
  cases: readonly CommissionCase[],
  filter: CaseFilter,
): CommissionCase[] => cases.filter((c) => filter === 'all' || c.status === filter);

export const caseCount = (cases: readonly CommissionCase[], filter: CaseFilter): number =>
  casesShown(cases, filter).length;

export const caseById = (
  cases: readonly CommissionCase[],
  id: string | null,
): CommissionCase | null => (id === null ? null : (cases.find((c) => c.caseId === id) ?? null));

// ---------------------------------------------------------------- the decision

export interface DecisionForm {
  decision: 'place' | 'decline';
  /** `schoolId/language` of the chosen stream, '' for none */
  stream: string;
  justification: string;
  note: string;
}
export const INITIAL_DECISION: DecisionForm = {
  decision: 'place',
  stream: '',
  justification: '',
  note: '',
};

export type DecisionAction = { type: 'set'; patch: Partial<DecisionForm> };
export const decisionReducer = (state: DecisionForm, action: DecisionAction): DecisionForm => ({
  ...state,
  ...action.patch,
});

/** A stream the commission may place into, as the form lists it. */
export interface StreamChoice {
  key: string;
  schoolId: string;
  language: string;
  free: number;
}

/** The stream chosen on the form, and whether placing there goes beyond the quota. */
export function chosenStream(
  form: DecisionForm,
  streams: readonly StreamChoice[],
): { chosen: StreamChoice | null; full: boolean } {
  const chosen = streams.find((s) => s.key === form.stream) ?? null;
  return { chosen, full: chosen !== null && chosen.free === 0 };
}

export type DecisionProblem = 'chooseStream' | 'justificationRequired' | 'noteRequired';

/** The request to send, or what the form still lacks (a key under `commission.`). */
export function decisionRequest(
  caseId: string,
  form: DecisionForm,
  streams: readonly StreamChoice[],
): { ok: true; request: Req<'commission.decide'> } | { ok: false; problem: DecisionProblem } {
  const note = form.note.trim();
  if (form.decision === 'decline') {
    if (note === '') return { ok: false, problem: 'noteRequired' };
    return { ok: true, request: { caseId, decision: 'decline', note } };
  }
  const { chosen, full } = chosenStream(form, streams);
  if (!chosen) return { ok: false, problem: 'chooseStream' };
  const justification = form.justification.trim();
  if (full && justification === '') return { ok: false, problem: 'justificationRequired' };
  return {
    ok: true,
    request: {
      caseId,
      decision: 'place',
      schoolId: chosen.schoolId,
      language: chosen.language,
      ...(justification ? { justification } : {}),
      ...(note ? { note } : {}),
    },
  };
}
