// The report registry: a name to its builder, for the CLI and the app's
// reports service alike.
import type { Engine } from '../engine/engine';
import { applicationsReport } from './applicationsReport';
import { commissionReport } from './commissionReport';
import { dailyReport } from './dailyReport';
import { REPORT_NAMES, type ReportName } from './labels';
import { noDocumentsReport } from './noDocumentsReport';
import { ordersReport } from './ordersReport';
import { privilegesReport } from './privilegesReport';
import { streamsReport } from './streamsReport';
import { waitlistReport } from './waitlistReport';
import type { ReportTable } from './table';

// Each report has its own row type; its columns are the only code that reads the rows.
const BUILDERS: Record<ReportName, (engine: Engine) => ReportTable<unknown>> = {
  applications: applicationsReport,
  streams: streamsReport,
  privileges: privilegesReport,
  commission: commissionReport,
  orders: ordersReport,
  'no-documents': noDocumentsReport,
  daily: dailyReport,
  waitlist: waitlistReport,
};

export function isReportName(v: string): v is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(v);
}

export function buildReport(name: ReportName, engine: Engine): ReportTable<unknown> {
  return BUILDERS[name](engine);
}
