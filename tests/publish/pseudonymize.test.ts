// The pseudonyms keep exactly what the rules read (docs/opening-day.md): PIN
// equality, validity, sex and birth date; the prefix relation between address
// codes; and nothing of the original readable.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers } from '../../shared/engine/catchment';
import { parsePin } from '../../shared/engine/pin';
import { Pseudonymizer } from '../../shared/publish/pseudonymize';

const keyed = (key: string) => (text: string) =>
  createHmac('sha256', key).update(text).digest('hex');

const pinArb = fc
  .record({
    sex: fc.constantFrom('1', '2'),
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.constantFrom(2019, 2020),
    serial: fc.integer({ min: 0, max: 99_999 }),
  })
  .map(
    ({ sex, day, month, year, serial }) =>
      `${sex}${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${year}` +
      String(serial).padStart(5, '0'),
  );

const addressArb = fc
  .array(fc.constantFrom('BISH', 'LEN', 'S001', 'S002', 'ST01', 'ST02', 'H1', 'H12'), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join('.'));

describe('Pseudonymizer', () => {
  it('keeps PIN equality, sex and birth date, and a valid PIN valid', () => {
    fc.assert(
      fc.property(fc.array(pinArb, { minLength: 1, maxLength: 60 }), (pins) => {
        const p = new Pseudonymizer(keyed('k1'));
        const out = pins.map((x) => p.pin(x));
        for (let i = 0; i < pins.length; i++) {
          const a = parsePin(pins[i])!;
          const b = parsePin(out[i]);
          expect(b).not.toBeNull();
          expect([b!.sex, b!.birthDate]).toEqual([a.sex, a.birthDate]);
          for (let j = 0; j < pins.length; j++) expect(out[i] === out[j]).toBe(pins[i] === pins[j]);
        }
      }),
    );
  });

  it('keeps an invalid PIN invalid, and hides it', () => {
    const p = new Pseudonymizer(keyed('k1'));
    for (const bad of ['123', '31022020123456', 'abcdefghijklmn', '']) {
      const out = p.pin(bad);
      expect(parsePin(out)).toBeNull();
      expect(out).not.toBe(bad);
      expect(p.pin(bad)).toBe(out);
    }
  });

  it('keeps which catchment prefix covers which address, and nothing of the codes', () => {
    fc.assert(
      fc.property(fc.array(addressArb, { minLength: 2, maxLength: 30 }), (codes) => {
        const p = new Pseudonymizer(keyed('k2'));
        const out = codes.map((c) => p.address(c));
        for (let i = 0; i < codes.length; i++) {
          expect(out[i].split('.').length).toBe(codes[i].split('.').length);
          for (const part of codes[i].split('.')) expect(out[i].split('.')).not.toContain(part);
          for (let j = 0; j < codes.length; j++)
            expect(covers(out[i], out[j])).toBe(covers(codes[i], codes[j]));
        }
      }),
    );
  });

  it('depends on the key: another key gives other pseudonyms', () => {
    const a = new Pseudonymizer(keyed('one')),
      b = new Pseudonymizer(keyed('two'));
    expect(a.address('BISH.LEN.S001')).not.toBe(b.address('BISH.LEN.S001'));
    expect(a.actorId('parent', 'p-1')).not.toBe(b.actorId('parent', 'p-1'));
    expect(a.actorId('district', 'officer-1')).toBe('officer-1');
  });
});
