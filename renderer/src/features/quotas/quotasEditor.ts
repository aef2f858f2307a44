// The quotas screen's editing state as a pure reducer: cells typed (and what they
// show while not yet a number), reverted, discarded; streams being opened; what-if
// mode and its result; which school's norm and which stream's refusals are open.
// Selectors derive the table rows and the changes to save from the stored list and
// the edits. No React here: tests/renderer/quotasEditor.test.ts drives it directly.
import type { Res } from '../../bridge';

type QuotaList = Res<'quotas.list'>;
export type Stream = QuotaList['streams'][number];
export type WhatIf = Res<'quotas.whatIf'>;
export type Field = 'seats' | 'classes';
export const FIELDS: readonly Field[] = ['seats', 'classes'];
/** Edited values per stream key; a key absent from the stored list is a stream being opened. */
export type Edits = Record<string, { seats?: number; classes?: number }>;
export interface NewStreamDraft {
  schoolId: string;
  language: string;
  seats: string;
  classes: string;
}
export interface QuotaChange {
  schoolId: string;
  language: string;
  seats: number;
  classes?: number;
}

export interface QuotasEditor {
  edits: Edits;
  /** what a cell shows while typed in (`key|field`): may be empty or not yet a number */
  texts: Record<string, string>;
  onlyWarnings: boolean;
  whatIfMode: boolean;
  whatIf: WhatIf | null;
  /** how many streams the last save wrote, for the notice; null: no notice */
  savedCount: number | null;
  normOf: string | null;
  refusedOf: string | null;
  newStream: NewStreamDraft;
  /** why the last "open stream" did nothing, until the draft is edited again */
  newStreamProblem: CountProblem | null;
}

/** What is wrong with a typed count: the officer is told which, not just "not a number". */
export type CountProblem = 'negative' | 'too_large' | 'not_whole';

export type QuotasAction =
  | { type: 'typeCell'; key: string; field: Field; text: string }
  | { type: 'leaveCell'; key: string; field: Field }
  | { type: 'revertCell'; key: string; field: Field; stored: boolean }
  | { type: 'discard' }
  | { type: 'saved'; written: number }
  | { type: 'setOnlyWarnings'; on: boolean }
  | { type: 'setWhatIfMode'; on: boolean }
  | { type: 'whatIfResult'; result: WhatIf }
  | { type: 'toggleNorm'; schoolId: string }
  | { type: 'closeNorm' }
  | { type: 'toggleRefused'; key: string }
  | { type: 'editNewStream'; patch: Partial<NewStreamDraft> }
  | { type: 'openStream' };

export const INITIAL_EDITOR: QuotasEditor = {
  edits: {},
  texts: {},
  onlyWarnings: false,
  whatIfMode: false,
  whatIf: null,
  savedCount: null,
  normOf: null,
  refusedOf: null,
  newStream: { schoolId: '', language: 'uz', seats: '', classes: '' },
  newStreamProblem: null,
};

export const streamKey = (schoolId: string, language: string): string => `${schoolId}/${language}`;
/** A whole number of seats or classes, as the contract takes it (at most 100,000). */
const VALID_NUMBER = /^\d{1,6}$/;
export const MAX_COUNT = 999_999;
export const isInvalidText = (text: string | undefined): boolean =>
  text !== undefined && text.trim() !== '' && !VALID_NUMBER.test(text.trim());

/** Null for an empty or valid count; else what is wrong with it. */
export function countProblem(text: string | undefined): CountProblem | null {
  const t = (text ?? '').trim();
  if (t === '' || VALID_NUMBER.test(t)) return null;
  if (/^[-−]\s*\d+([.,]\d+)?$/.test(t)) return 'negative';
  if (/^\d+$/.test(t)) return 'too_large';
  return 'not_whole';
}
const cellId = (key: string, field: Field) => `${key}|${field}`;

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const out = { ...record };
  delete out[key];
  return out;
}

export function quotasReducer(state: QuotasEditor, action: QuotasAction): QuotasEditor {
  switch (action.type) {
    case 'typeCell': {
      const texts = { ...state.texts, [cellId(action.key, action.field)]: action.text };
      const text = action.text.trim();
      // Not a whole number yet: shown as typed and marked, the stored value stands, Save waits.
      if (text !== '' && !VALID_NUMBER.test(text)) return { ...state, texts };
      const v = text === '' ? undefined : Number(text);
      const edited = { ...state.edits[action.key], [action.field]: v };
      return { ...state, texts, edits: { ...state.edits, [action.key]: edited } };
    }
    case 'leaveCell': {
      // An emptied cell falls back to the stored value when the officer moves on.
      const id = cellId(action.key, action.field);
      if ((state.texts[id] ?? '').trim() !== '') return state;
      return id in state.texts ? { ...state, texts: without(state.texts, id) } : state;
    }
    case 'revertCell': {
      const texts = without(state.texts, cellId(action.key, action.field));
      const kept = { ...state.edits[action.key] };
      delete kept[action.field];
      // A stored stream with nothing edited is no edit; a stream being opened stays open.
      const nothingLeft = Object.keys(kept).length === 0 && action.stored;
      const edits = nothingLeft
        ? without(state.edits, action.key)
        : { ...state.edits, [action.key]: kept };
      return { ...state, texts, edits };
    }
    case 'discard':
      return { ...state, edits: {}, texts: {} };
    case 'saved':
      return {
        ...state,
        edits: {},
        texts: {},
        whatIf: null,
        whatIfMode: false,
        savedCount: action.written,
      };
    case 'setOnlyWarnings':
      return { ...state, onlyWarnings: action.on };
    case 'setWhatIfMode':
      return { ...state, whatIfMode: action.on, whatIf: null };
    case 'whatIfResult':
      return { ...state, whatIf: action.result };
    case 'toggleNorm':
      return { ...state, normOf: state.normOf === action.schoolId ? null : action.schoolId };
    case 'closeNorm':
      return { ...state, normOf: null };
    case 'toggleRefused':
      return { ...state, refusedOf: state.refusedOf === action.key ? null : action.key };
    case 'editNewStream':
      return {
        ...state,
        newStream: { ...state.newStream, ...action.patch },
        newStreamProblem: null,
      };
    case 'openStream': {
      const draft = state.newStream;
      const seats = parseCount(draft.seats);
      const classes = draft.classes.trim() === '' ? undefined : parseCount(draft.classes);
      const problem = countProblem(draft.seats) ?? countProblem(draft.classes);
      if (problem) return { ...state, newStreamProblem: problem };
      if (!draft.schoolId || seats === null || classes === null) return state;
      const k = streamKey(draft.schoolId, draft.language);
      return {
        ...state,
        edits: { ...state.edits, [k]: { seats, ...(classes !== undefined ? { classes } : {}) } },
        newStream: { ...draft, seats: '', classes: '' },
      };
    }
  }
}

/** A whole, non-negative count as typed, or null. */
function parseCount(text: string): number | null {
  const t = text.trim();
  return VALID_NUMBER.test(t) ? Number(t) : null;
}

/** Cells whose text is not (yet) a whole number: Save and what-if wait for them. */
export function invalidCellCount(state: QuotasEditor): number {
  return Object.values(state.texts).filter((v) => isInvalidText(v)).length;
}

/** The problems of the cells typed wrong, each once, the most telling first. */
export function invalidCellProblems(state: QuotasEditor): CountProblem[] {
  const found = new Set(Object.values(state.texts).map(countProblem));
  return (['too_large', 'negative', 'not_whole'] as const).filter((p) => found.has(p));
}

/** What a cell shows: the text being typed, else the edited value, else the stored one. */
export function cellText(state: QuotasEditor, s: Stream, field: Field): string {
  const k = streamKey(s.schoolId, s.language);
  const typed = state.texts[cellId(k, field)];
  if (typed !== undefined) return typed;
  const v = valueOf(state, s, field);
  return v === null ? '' : String(v);
}

export function valueOf(state: QuotasEditor, s: Stream, field: Field): number | null {
  const e = state.edits[streamKey(s.schoolId, s.language)];
  if (field === 'seats') return e?.seats ?? s.quota;
  return e?.classes ?? s.classes;
}

export function isEdited(
  state: QuotasEditor,
  stored: ReadonlyMap<string, Stream>,
  s: Stream,
  field: Field,
): boolean {
  const k = streamKey(s.schoolId, s.language);
  const e = state.edits[k];
  const was = stored.get(k);
  if (!was) return true;
  if (field === 'seats') return e?.seats !== undefined && e.seats !== was.quota;
  return e?.classes !== undefined && e.classes !== was.classes;
}

const splitKey = (k: string) => {
  const slash = k.lastIndexOf('/');
  return { schoolId: k.slice(0, slash), language: k.slice(slash + 1) };
};

/** The stored streams plus those being opened, in school order; only warned ones when asked. */
export function tableRows(
  state: QuotasEditor,
  list: readonly Stream[],
  stored: ReadonlyMap<string, Stream>,
): Stream[] {
  const opened: Stream[] = Object.entries(state.edits)
    .filter(([k]) => !stored.has(k))
    .map(([k, e]) => ({
      ...splitKey(k),
      quota: e.seats ?? 0,
      occupied: 0,
      free: e.seats ?? 0,
      overflow: 0,
      classes: e.classes ?? null,
      seatsPerClass: null,
      childrenPerClass: null,
      warnings: [],
    }));
  const all = [...list, ...opened].sort(
    (a, b) => a.schoolId.localeCompare(b.schoolId) || a.language.localeCompare(b.language),
  );
  return state.onlyWarnings ? all.filter((s) => s.warnings.length > 0) : all;
}

/** What Save sends: each edited stream whose seats or classes differ from the stored ones, and each opened stream. */
export function changesToSave(
  state: QuotasEditor,
  stored: ReadonlyMap<string, Stream>,
): QuotaChange[] {
  return Object.entries(state.edits).flatMap(([k, e]) => {
    const s = stored.get(k);
    const seats = e.seats ?? s?.quota ?? 0;
    const classes = e.classes ?? s?.classes ?? undefined;
    if (s && seats === s.quota && (classes ?? null) === s.classes) return [];
    return [
      { ...splitKey(k), seats, ...(classes !== undefined && classes !== null ? { classes } : {}) },
    ];
  });
}
