// The quotas screen's editing logic (renderer/src/features/quotas/quotasEditor.ts):
// typing, reverting and discarding cells, opening a stream, what-if mode, and the
// changes Save sends, all without a browser.
import { describe, expect, it } from 'vitest';
import {
  INITIAL_EDITOR,
  cellText,
  changesToSave,
  invalidCellCount,
  isEdited,
  quotasReducer,
  streamKey,
  tableRows,
  type QuotasAction,
  type QuotasEditor,
  type Stream,
} from '../../renderer/src/features/quotas/quotasEditor';

type Warnings = Stream['warnings'];
const stream = (
  schoolId: string,
  language: string,
  quota: number,
  classes: number | null,
  warnings: Warnings = [],
): Stream => ({
  schoolId,
  language,
  quota,
  occupied: 10,
  free: quota - 10,
  overflow: 0,
  classes,
  seatsPerClass: null,
  childrenPerClass: null,
  warnings,
});
const S1ky = stream('S1', 'ky', 50, 2);
const S2ru = stream('S2', 'ru', 25, 1, ['above_norm']);
const list = [S2ru, S1ky];
const stored = new Map(list.map((s) => [streamKey(s.schoolId, s.language), s]));
const run = (...actions: QuotasAction[]): QuotasEditor =>
  actions.reduce(quotasReducer, INITIAL_EDITOR);

describe('quotas editor', () => {
  it('a typed whole number is an edit; Save sends only what differs from the stored stream', () => {
    const s = run({ type: 'typeCell', key: 'S1/ky', field: 'seats', text: '60' });
    expect(isEdited(s, stored, S1ky, 'seats')).toBe(true);
    expect(cellText(s, S1ky, 'seats')).toBe('60');
    expect(changesToSave(s, stored)).toEqual([
      { schoolId: 'S1', language: 'ky', seats: 60, classes: 2 },
    ]);
    // Typed back to the stored value: nothing to save.
    const back = quotasReducer(s, { type: 'typeCell', key: 'S1/ky', field: 'seats', text: '50' });
    expect(changesToSave(back, stored)).toEqual([]);
    expect(isEdited(back, stored, S1ky, 'seats')).toBe(false);
  });

  it('text that is not a whole number is shown as typed and blocks Save, the stored value stands', () => {
    const s = run({ type: 'typeCell', key: 'S1/ky', field: 'seats', text: '5x' });
    expect(cellText(s, S1ky, 'seats')).toBe('5x');
    expect(invalidCellCount(s)).toBe(1);
    expect(changesToSave(s, stored)).toEqual([]);
    expect(
      invalidCellCount(run({ type: 'typeCell', key: 'S1/ky', field: 'seats', text: '9999999' })),
    ).toBe(1);
  });

  it('an emptied cell shows the stored value again when left; Escape reverts the cell', () => {
    const emptied = run(
      { type: 'typeCell', key: 'S1/ky', field: 'classes', text: '' },
      { type: 'leaveCell', key: 'S1/ky', field: 'classes' },
    );
    expect(cellText(emptied, S1ky, 'classes')).toBe('2');
    expect(changesToSave(emptied, stored)).toEqual([]);
    const reverted = run(
      { type: 'typeCell', key: 'S1/ky', field: 'seats', text: '70' },
      { type: 'revertCell', key: 'S1/ky', field: 'seats', stored: true },
    );
    expect(reverted.edits).toEqual({});
    expect(cellText(reverted, S1ky, 'seats')).toBe('50');
  });

  it('opens a new stream from the form: a row of its own, saved with its seats and classes', () => {
    const s = run(
      {
        type: 'editNewStream',
        patch: { schoolId: 'S1', language: 'uz', seats: '25', classes: '1' },
      },
      { type: 'openStream' },
    );
    expect(s.newStream).toMatchObject({ schoolId: 'S1', language: 'uz', seats: '', classes: '' });
    expect(tableRows(s, list, stored).map((r) => streamKey(r.schoolId, r.language))).toEqual([
      'S1/ky',
      'S1/uz',
      'S2/ru',
    ]);
    expect(changesToSave(s, stored)).toEqual([
      { schoolId: 'S1', language: 'uz', seats: 25, classes: 1 },
    ]);
    // Reverting an opened stream's seats keeps the stream being opened.
    const reverted = quotasReducer(s, {
      type: 'revertCell',
      key: 'S1/uz',
      field: 'seats',
      stored: false,
    });
    expect(Object.keys(reverted.edits)).toEqual(['S1/uz']);
  });

  it('opens nothing without a school, or with seats that are not a whole non-negative number', () => {
    const drafts = [
      { seats: '25' },
      { schoolId: 'S1', seats: '-3' },
      { schoolId: 'S1', seats: '2.5' },
      { schoolId: 'S1', seats: '25', classes: 'x' },
    ];
    for (const patch of drafts) {
      const s = run({ type: 'editNewStream', patch }, { type: 'openStream' });
      expect(s.edits, JSON.stringify(patch)).toEqual({});
    }
  });

  it('only streams with warnings, when asked', () => {
    const s = run({ type: 'setOnlyWarnings', on: true });
    expect(tableRows(s, list, stored).map((r) => r.schoolId)).toEqual(['S2']);
  });

  it('what-if mode starts without a result; a save ends it and clears every edit', () => {
    const result = { outcomes: [] } as never;
    let s = run(
      { type: 'typeCell', key: 'S1/ky', field: 'seats', text: '60' },
      { type: 'setWhatIfMode', on: true },
      { type: 'whatIfResult', result },
    );
    expect(s.whatIf).toBe(result);
    s = quotasReducer(s, { type: 'setWhatIfMode', on: true });
    expect(s.whatIf).toBeNull();
    s = quotasReducer(s, { type: 'saved', written: 1 });
    expect(s).toMatchObject({
      edits: {},
      texts: {},
      whatIfMode: false,
      whatIf: null,
      savedCount: 1,
    });
  });

  it('discard drops every edit; the norm and refusal panels toggle', () => {
    const s = run(
      { type: 'typeCell', key: 'S1/ky', field: 'seats', text: '60' },
      { type: 'discard' },
    );
    expect(changesToSave(s, stored)).toEqual([]);
    expect(run({ type: 'toggleNorm', schoolId: 'S1' }).normOf).toBe('S1');
    expect(
      run({ type: 'toggleNorm', schoolId: 'S1' }, { type: 'toggleNorm', schoolId: 'S1' }).normOf,
    ).toBeNull();
    expect(
      run({ type: 'toggleRefused', key: 'S1/ky' }, { type: 'toggleRefused', key: 'S2/ru' })
        .refusedOf,
    ).toBe('S2/ru');
  });
});
