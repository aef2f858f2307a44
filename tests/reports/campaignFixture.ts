// A small but complete campaign for report tests: two districts, rural and
// urban schools with planned classes (one far over the norm), catchment,
// privilege and stage-2 placements, transfers, withdrawals, documents, two
// orders at one school, commission cases of every outcome, and the deadline.
// Every report has rows, and every column is exercised.
import { LogBuilder, T, pin } from '../support/logBuilder';

export const AFTER_DEADLINE = '2026-09-20T12:00:00+06:00';

export function campaignFixture(): LogBuilder {
  const b = new LogBuilder();
  const school = (id: string, name: string, districtId: string, extra: Record<string, unknown>) =>
    b.push('school.registered', { schoolId: id, name, kind: 'state', districtId, ...extra });
  school('S1', '№5 мектеп-гимназиясы', 'BISH-OKT', { locality: 'urban' });
  school('S2', 'Ат-Башы орто мектеби', 'NAR-ATB', { locality: 'rural' });
  school('S3', 'Школа №69', 'BISH-OKT', { classSizeNorm: 28 });
  b.push('school.registered', {
    schoolId: 'P1',
    name: 'Private Lyceum',
    kind: 'private',
    districtId: 'BISH-OKT',
  });
  b.push('catchment.set', { schoolId: 'S1', addresses: ['BISH.OKT.ST01'] });
  b.push('catchment.set', { schoolId: 'S2', addresses: ['NAR.ATB'] });
  b.push('catchment.set', { schoolId: 'S3', addresses: ['BISH.OKT.ST02'] });
  // S1/ky: 2 classes of 3 seats, and catchment children beyond it (overflow, 50+ per class is out of reach here,
  // so S3/ru is planned as one class of 52 to reach the sanitary breach).
  b.push('quota.set', { schoolId: 'S1', language: 'ky', seats: 6, classes: 2 });
  b.push('quota.set', { schoolId: 'S1', language: 'ru', seats: 4 });
  b.push('quota.set', { schoolId: 'S2', language: 'ky', seats: 27, classes: 1 });
  b.push('quota.set', { schoolId: 'S3', language: 'ru', seats: 52, classes: 1 });
  b.push('quota.set', { schoolId: 'S3', language: 'ky', seats: 40, classes: 1 });

  // Stage 1: catchment children over two days, S1/ky into overflow.
  b.at(T.stage1);
  for (let i = 1; i <= 8; i++)
    b.submit(`A${i}`, { pin: pin(i), school: 'S1', address: `BISH.OKT.ST01.H${i}` });
  b.at('2026-04-11T23:59:59+06:00');
  b.submit('A9', { pin: pin(9), school: 'S2', address: 'NAR.ATB.V1.H1' });
  b.submit('A10', { pin: pin(10), school: 'S2', address: 'NAR.ATB.V1.H2' }); // 2026-04-12 00:00:00 Bishkek
  // Privilege claims: pending then approved, rejected (placement goes), a catchment child's claim.
  b.submit('P1', {
    pin: pin(11),
    school: 'S3',
    language: 'ru',
    address: 'BISH.OKT.ST09.H1',
    privilege: 'military',
  });
  b.submit('P2', {
    pin: pin(12),
    school: 'S3',
    language: 'ru',
    address: 'BISH.OKT.ST09.H2',
    privilege: 'teacher',
  });
  b.submit('P3', {
    pin: pin(13),
    school: 'S3',
    language: 'ky',
    address: 'BISH.OKT.ST02.H5',
    privilege: 'kairylman',
  });
  b.review('P1', 'approved');
  b.review('P2', 'rejected');
  b.review('P3', 'approved');
  // Refusals in stage 1.
  b.submit('R1', { pin: pin(14), school: 'S1', address: 'NAR.ATB.V2.H1' }); // not_in_catchment
  b.submit('R2', { pin: '99999999999999', school: 'S1', address: 'BISH.OKT.ST01.H20' }); // invalid_pin
  b.submit('R3', { pin: pin(15), school: 'P1', address: 'BISH.OKT.ST01.H21' }); // school_not_in_scope
  b.submit('R4', { pin: pin(1), school: 'S1', address: 'BISH.OKT.ST01.H1' }); // duplicate_application

  // Stage 2: free seats only, a claim that plays no part, transfers, a withdrawal.
  b.at(T.stage2);
  b.submit('B1', { pin: pin(21), school: 'S1', language: 'ru', address: 'CHUI.X.Y' });
  b.submit('B2', { pin: pin(22), school: 'S1', language: 'ky', address: 'CHUI.X.Z' }); // no_free_seats (overflow)
  b.submit('B3', {
    pin: pin(23),
    school: 'S3',
    language: 'ru',
    address: 'CHUI.X.W',
    privilege: 'military',
  });
  b.submit('B4', { pin: pin(24), school: 'S2', address: 'NAR.X.Y' });
  b.transfer('B4', 'S3', 'ky');
  b.transfer('A1', 'S2'); // S2/ky has free seats
  b.withdraw('B1');
  b.at('2026-06-28T10:00:00+06:00');
  b.submit('B5', { pin: pin(25), school: 'S1', language: 'ru', address: 'CHUI.X.V' });

  // Documents and orders: S1 gets two orders; S2 one.
  b.at(T.documents);
  for (const id of ['A2', 'A3', 'A4']) b.documents(id);
  b.order('S1', '12-к');
  b.documents('A5');
  b.order('S1', '15-к');
  for (const id of ['A9', 'A10', 'A1']) b.documents(id);
  b.order('S2', '3');
  b.documents('P1');

  // Commission: placed (beyond the quota), declined, still open.
  b.openCase('C1', { fullName: 'Бакыт уулу Тимур', birthDate: '2019-03-02' });
  b.openCase('C2', { fullName: 'Айгерим Садыкова', pin: pin(31) });
  b.openCase('C3', { fullName: 'Нурбек Алиев' });
  b.place('C1', 'S1', 'ky');
  b.decline('C2');
  b.order('S1', '20-к');
  return b;
}
