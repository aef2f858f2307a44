// The log's primitives: instants, dates, PINs and catchment prefixes.
import { describe, expect, it } from 'vitest';
import { parseDateKey, parseInstant } from '../../shared/log/instant';
import { parsePin } from '../../shared/engine/pin';
import { Catchment, covers, coveringPrefixes } from '../../shared/engine/catchment';
import { parseEventLine } from '../../shared/log/parseLine';

describe('instants', () => {
  it.each([
    ['2026-04-11T09:00+06:00', Date.UTC(2026, 3, 11, 3, 0)],
    ['2026-04-11T09:00:03+06:00', Date.UTC(2026, 3, 11, 3, 0, 3)],
    ['2026-04-11T09:00:03.120+06:00', Date.UTC(2026, 3, 11, 3, 0, 3, 120)],
    ['2026-04-11T03:00:03.1Z', Date.UTC(2026, 3, 11, 3, 0, 3, 100)],
    ['2026-04-10T22:00:00-05:00', Date.UTC(2026, 3, 11, 3, 0)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, ms) => expect(parseInstant(text)).toBe(ms));

  it.each([
    '2026-04-11T09:00:00',
    '2026-04-11 09:00:00+06:00',
    '2026-04-11',
    '2026-13-01T00:00Z',
    '2025-02-29T00:00Z',
    '2026-04-11T24:00Z',
    '2026-04-11T09:60Z',
    '2026-04-11T09:00:60Z',
    '2026-04-11T09:00+24:00',
    '',
    'now',
  ])('refuses %j', (text) => expect(parseInstant(text)).toBeNaN());

  it('reads dates as sortable keys', () => {
    expect(parseDateKey('2019-01-31')).toBe(20190131);
    expect(parseDateKey('2019-02-31')).toBeNaN();
    expect(parseDateKey('31.01.2019')).toBeNaN();
  });
});

describe('PINs', () => {
  it('reads sex, birth date and serial', () => {
    expect(parsePin('21505201900012')).toEqual({
      sex: 'male',
      birthDate: '2019-05-15',
      birthKey: 20190515,
      serial: '00012',
    });
    expect(parsePin('10102202000001')?.sex).toBe('female');
  });
  it.each([
    '2150520190001',
    '215052019000123',
    '01505201900012',
    '31505201900012',
    '2150520190001x',
    '23002201900012',
    '20013201900012',
    ' 1505201900012',
  ])('refuses %s', (pin) => expect(parsePin(pin)).toBeNull());
});

describe('catchments', () => {
  it('covers an equal address or one below, never a lookalike sibling', () => {
    expect(covers('BISH.OKT', 'BISH.OKT')).toBe(true);
    expect(covers('BISH.OKT', 'BISH.OKT.ST1')).toBe(true);
    expect(covers('BISH.OKT', 'BISH.OKTX')).toBe(false);
    expect(covers('BISH.OKT.ST1', 'BISH.OKT')).toBe(false);
    const c = new Catchment(['BISH.OKT.ST1', 'OSH']);
    expect(c.covers('BISH.OKT.ST1.H4')).toBe(true);
    expect(c.covers('OSH.X.Y')).toBe(true);
    expect(c.covers('BISH.OKT.ST10')).toBe(false);
    expect(coveringPrefixes('A.B.C')).toEqual(['A.B.C', 'A.B', 'A']);
  });
});

describe('a log line', () => {
  it('keeps fields the format does not name', () => {
    const e = parseEventLine(
      '{"id":"x","type":"order.issued","at":"2026-08-01T00:00Z","note":"n","data":{"schoolId":"S","orderNumber":"1","hash":"h"}}',
    );
    expect((e as Record<string, unknown>).note).toBe('n');
    expect((e.data as Record<string, unknown>).hash).toBe('h');
  });
  it('names the field and the line', () => {
    expect(() =>
      parseEventLine(
        '{"id":"x","type":"quota.set","at":"2026-08-01T00:00Z","data":{"schoolId":"S","language":"ky","seats":-2}}',
        12,
      ),
    ).toThrow('line 12: data.seats: must be at least 0, got -2');
  });
});
