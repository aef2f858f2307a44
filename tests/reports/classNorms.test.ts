import { describe, expect, it } from 'vitest';
import {
  assessStream,
  classSizeLevel,
  legalNorm,
  seatsPerClass,
} from '../../shared/district/classNorms';

describe('class-size norms', () => {
  it('25 rural, 30 urban, 30 when the locality is unknown, a school norm over both', () => {
    expect(legalNorm({ locality: 'rural', classSizeNorm: null })).toBe(25);
    expect(legalNorm({ locality: 'urban', classSizeNorm: null })).toBe(30);
    expect(legalNorm({ locality: null, classSizeNorm: null })).toBe(30);
    expect(legalNorm({ locality: 'rural', classSizeNorm: 20 })).toBe(20);
  });

  it('levels at the boundaries: the norm and 36 are allowed, 50 is a breach', () => {
    expect(classSizeLevel(25, 25)).toBe('ok');
    expect(classSizeLevel(25.5, 25)).toBe('above_norm');
    expect(classSizeLevel(36, 25)).toBe('above_norm');
    expect(classSizeLevel(36.1, 25)).toBe('above_max');
    expect(classSizeLevel(49.9, 25)).toBe('above_max');
    expect(classSizeLevel(50, 25)).toBe('far_above');
    expect(classSizeLevel(null, 25)).toBe('ok');
  });

  it('seats per class needs planned classes', () => {
    expect(seatsPerClass(60, 2)).toBe(30);
    expect(seatsPerClass(61, 3)).toBe(20.3);
    expect(seatsPerClass(60, null)).toBeNull();
    expect(seatsPerClass(60, 0)).toBeNull();
  });

  it('an overflowing stream is judged by the children it holds, and says it overflows', () => {
    const a = assessStream(
      { quota: 60, occupied: 110, classes: 2 },
      { locality: 'urban', classSizeNorm: null },
    );
    expect(a.seatsPerClass).toBe(30);
    expect(a.childrenPerClass).toBe(55);
    expect(a.level).toBe('far_above');
    expect(a.warnings).toEqual(['above_norm', 'above_max', 'far_above', 'overflow']);
    const calm = assessStream(
      { quota: 50, occupied: 10, classes: 2 },
      { locality: 'rural', classSizeNorm: null },
    );
    expect(calm.warnings).toEqual([]);
    const noClasses = assessStream(
      { quota: 5, occupied: 6, classes: null },
      { locality: null, classSizeNorm: null },
    );
    expect(noClasses.warnings).toEqual(['overflow']);
  });
});
