// `orders`: every admission order with its children, one row per enrolled
// child, in the order the orders were issued (R13).
import type { Engine } from '../engine/engine';
import type { Basis } from '../engine/model';
import { BASIS, LANGUAGE } from './labels';
import { asOfOf, districtsOf } from './context';
import type { Column, ReportTable } from './table';

export interface OrderRow {
  orderNumber: string;
  orderDate: string;
  schoolId: string;
  schoolName: string | null;
  districtId: string | null;
  applicationId: string;
  childName: string;
  pin: string | null;
  language: string;
  basis: Basis | null;
}

export const ORDER_COLUMNS: readonly Column<OrderRow>[] = [
  { key: 'orderNumber', kind: 'text', value: (r) => r.orderNumber },
  { key: 'orderDate', kind: 'datetime', value: (r) => r.orderDate },
  { key: 'schoolId', kind: 'text', value: (r) => r.schoolId },
  { key: 'schoolName', kind: 'text', value: (r) => r.schoolName },
  { key: 'districtId', kind: 'text', value: (r) => r.districtId },
  { key: 'applicationId', kind: 'text', value: (r) => r.applicationId },
  { key: 'childName', kind: 'text', value: (r) => r.childName },
  { key: 'pin', kind: 'text', value: (r) => r.pin },
  { key: 'language', kind: 'enum', domain: LANGUAGE, value: (r) => r.language },
  { key: 'basis', kind: 'enum', domain: BASIS, value: (r) => r.basis },
];

export function ordersReport(engine: Engine): ReportTable<OrderRow> {
  const rows: OrderRow[] = [];
  for (const order of engine.orders) {
    const school = engine.schools.get(order.schoolId);
    for (const id of order.applicationIds) {
      const a = engine.applications.get(id)!;
      rows.push({
        orderNumber: order.orderNumber,
        orderDate: order.at,
        schoolId: order.schoolId,
        schoolName: school?.name ?? null,
        districtId: school?.districtId ?? null,
        applicationId: a.id,
        childName: a.childName,
        pin: a.pin,
        language: a.language,
        basis: a.basis,
      });
    }
  }
  return {
    name: 'orders',
    columns: ORDER_COLUMNS,
    rows,
    districts: districtsOf(engine),
    asOf: asOfOf(engine),
  };
}
