// Each feature folder keeps its strings in its own locales/{ky,ru,en}.json, all
// under one top-level key named after the feature. Register a feature here with
// one import and one list entry.
import { quotasLocales } from '../features/quotas/locales';
import { catchmentsLocales } from '../features/catchments/locales';
import { printLocales } from '../ui/print/locales';
import { applicationsLocales } from '../features/applications/locales';
import { auditLocales } from '../features/audit/locales';
import { schoolLocales } from '../features/school/locales';
import { documentsLocales } from '../features/documents/locales';
import { ordersLocales } from '../features/orders/locales';
import { democlockLocales } from '../features/democlock/locales';
import { privilegesLocales } from '../features/privileges/locales';
import { commissionLocales } from '../features/commission/locales';
import { reportsLocales } from '../features/reports/locales';
import { chartsLocales } from '../features/charts/locales';
import { excelImportLocales } from '../features/excelImport/locales';
import { syncLocales } from '../features/sync/locales';
import { waitlistsLocales } from '../features/waitlists/locales';
export interface FeatureLocales {
  ky: Record<string, unknown>;
  ru: Record<string, unknown>;
  en: Record<string, unknown>;
}

export const featureLocales: readonly FeatureLocales[] = [
  reportsLocales,
  chartsLocales,
  excelImportLocales,
  quotasLocales,
  catchmentsLocales,
  printLocales,
  applicationsLocales,
  auditLocales,
  schoolLocales,
  documentsLocales,
  ordersLocales,
  democlockLocales,
  privilegesLocales,
  commissionLocales,
  syncLocales,
  waitlistsLocales,
];
