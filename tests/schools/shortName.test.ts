// The short school name (issue 13, item 5): number and kind, so that names sharing a long
// prefix ("Средняя общеобразовательная школа № …") stay apart in a narrow column.
import { describe, expect, it } from 'vitest';
import { schoolShort, shortSchoolName } from '../../shared/schools/shortName';

describe('short school names', () => {
  it('takes the number wherever the name has it', () => {
    expect(schoolShort('Средняя общеобразовательная школа № 10', 'state')).toEqual({
      number: '10',
      kind: 'state',
    });
    expect(schoolShort('№ 3 гимназия-мектеби', 'gymnasium')).toEqual({
      number: '3',
      kind: 'gymnasium',
    });
    expect(schoolShort('№12а орто мектеби', 'state').number).toBe('12А');
    expect(schoolShort('№ 5 мектеп-гимназиясы', 'state').number).toBe('5');
    expect(schoolShort('Ат-Башы орто мектеби', 'state').number).toBeNull();
  });

  it('writes number and kind in the language; a school without a number keeps its name', () => {
    const ten = schoolShort('Средняя общеобразовательная школа № 10', 'state');
    expect(shortSchoolName('Средняя общеобразовательная школа № 10', ten, 'ru')).toBe(
      '№\u00a010 школа',
    );
    expect(shortSchoolName('Средняя общеобразовательная школа № 10', ten, 'ky')).toBe(
      '№\u00a010 мектеп',
    );
    expect(shortSchoolName('Средняя общеобразовательная школа № 10', ten, 'en')).toBe(
      'school №\u00a010',
    );
    const g = schoolShort('№ 3 гимназия-мектеби', 'gymnasium');
    expect(shortSchoolName('№ 3 гимназия-мектеби', g, 'ru')).toBe('№\u00a03 гимназия');
    const named = schoolShort('Ат-Башы орто мектеби', 'state');
    expect(shortSchoolName('Ат-Башы орто мектеби', named, 'ru')).toBe('Ат-Башы орто мектеби');
  });

  it('two schools with one long prefix get two short names', () => {
    const a = 'Средняя общеобразовательная школа № 61';
    const b = 'Средняя общеобразовательная школа № 64';
    expect(shortSchoolName(a, schoolShort(a, 'state'), 'ru')).not.toBe(
      shortSchoolName(b, schoolShort(b, 'state'), 'ru'),
    );
  });
});
