// Where an "as of" stands against the campaign (issue 13, item 4): outside it, a warning.
import { expect, it } from 'vitest';
import { asOfWarning } from '../../shared/reports/asOf';

const campaign = {
  stage1Start: '2026-04-01T08:00:00+06:00',
  documentsEnd: '2026-09-14T18:00:00+06:00',
};
const now = '2026-07-10T12:00:00+06:00';

it('warns before the campaign, after the clock, and after the documents deadline', () => {
  expect(asOfWarning('2026-03-31T23:59:00+06:00', campaign, now)).toBe('before_campaign');
  expect(asOfWarning('2026-05-01T12:00:00+06:00', campaign, now)).toBeNull();
  expect(asOfWarning('2026-07-11T00:00:00+06:00', campaign, now)).toBe('in_future');
  expect(asOfWarning('2026-09-20T00:00:00+06:00', campaign, '2026-10-01T00:00:00+06:00')).toBe(
    'after_campaign',
  );
  expect(asOfWarning('2026-05-01T12:00:00+06:00', null, now)).toBe('before_campaign');
});
