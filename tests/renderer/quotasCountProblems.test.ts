// Issue 13, item 8: a count typed wrong says what is wrong with it. 999999999999 is too
// large, not "not a whole number"; a negative seat count for a new stream is refused
// with a word instead of doing nothing.
import { expect, it } from 'vitest';
import {
  INITIAL_EDITOR,
  countProblem,
  invalidCellProblems,
  quotasReducer,
  type QuotasAction,
  type QuotasEditor,
} from '../../renderer/src/features/quotas/quotasEditor';

const run = (actions: QuotasAction[], from: QuotasEditor = INITIAL_EDITOR) =>
  actions.reduce(quotasReducer, from);

it('names the problem of a typed count', () => {
  expect(countProblem('25')).toBeNull();
  expect(countProblem('')).toBeNull();
  expect(countProblem('999999999999')).toBe('too_large');
  expect(countProblem('-5')).toBe('negative');
  expect(countProblem('−5')).toBe('negative');
  expect(countProblem('2.5')).toBe('not_whole');
  expect(countProblem('abc')).toBe('not_whole');
});

it('a too-large quota cell is reported as too large', () => {
  const s = run([{ type: 'typeCell', key: 'S1/ky', field: 'seats', text: '999999999999' }]);
  expect(invalidCellProblems(s)).toEqual(['too_large']);
});

it('a negative seat count for a new stream is refused with its reason, and editing clears it', () => {
  const s = run([
    { type: 'editNewStream', patch: { schoolId: 'S1', language: 'ru', seats: '-5' } },
    { type: 'openStream' },
  ]);
  expect(s.newStreamProblem).toBe('negative');
  expect(s.edits).toEqual({});
  const fixed = run([{ type: 'editNewStream', patch: { seats: '5' } }, { type: 'openStream' }], s);
  expect(fixed.newStreamProblem).toBeNull();
  expect(fixed.edits['S1/ru']).toEqual({ seats: 5 });
});
