// The one handler map: every contract channel -> its service function. The type
// makes a channel without a handler (or a handler with the wrong shape) a compile error.
import { getDashboard } from '../services/dashboard/dashboardService';
import type { ServiceContext } from '../services/context';
import {
  chooseImportFile,
  importProgress,
  startImport,
  uploadImportFile,
} from '../services/logImport/logImportServices';
import { rebuildStore, verifyStore } from '../services/maintenance/storeServices';
import { listSchools } from '../services/schoolList/schoolServices';
import { appInfo, authSignIn, authSignOut, getSession } from '../services/session/sessionServices';
import { chooseSetup, getSetup } from '../services/setup/setupServices';
import { getClock, setClock } from '../services/clock/clockServices';
import {
  checkFit,
  listQuotas,
  refusedForSeats,
  saveQuotas,
  setSchoolNorm,
  whatIf,
} from '../services/quotas/quotaServices';
import {
  catchmentGaps,
  listCatchments,
  saveCatchment,
} from '../services/catchments/catchmentServices';
import { printPdf } from '../services/print/printServices';
import { receiveDocuments, schoolChildren } from '../services/directorSchool/schoolChildren';
import { issueOrder, schoolOrders } from '../services/orders/orderServices';
import {
  getApplication,
  listApplications,
  transferApplication,
  transferStreams,
  withdrawApplication,
} from '../services/applications/registryServices';
import { deleteFilter, listSavedFilters, saveFilter } from '../services/applications/savedFilters';
import { auditEvents, auditVerify } from '../services/audit/auditServices';
import {
  downloadReport,
  exportReport,
  reportCharts,
  reportProgress,
  reportRows,
} from '../services/reports/reportServices';
import {
  confirmWorkbook,
  previewWorkbook,
  templateDownload,
  uploadWorkbook,
} from '../services/excelImport/excelImportServices';
import type { HandlerMap } from './dispatch';
import {
  syncConflicts,
  syncConnect,
  syncMarkSeen,
  syncPending,
  syncStatus,
} from '../services/sync/syncServices';
import { listWaitlists, waitlistWhatIf } from '../services/waitlists/waitlistServices';
import { privilegeQueue, reviewPrivilege } from '../services/privileges/privilegeServices';
import { decideCase, listCases, openCase } from '../services/commission/commissionServices';
import { getAttachment, uploadAttachment } from '../services/attachments/attachmentServices';

export const handlers: HandlerMap<ServiceContext> = {
  'app.info': appInfo,
  'sync.status': syncStatus,
  'sync.connect': syncConnect,
  'sync.pending': syncPending,
  'sync.conflicts': syncConflicts,
  'sync.markSeen': syncMarkSeen,
  'setup.get': getSetup,
  'setup.choose': chooseSetup,
  'session.get': getSession,
  'auth.signIn': authSignIn,
  'auth.signOut': authSignOut,
  'dashboard.get': getDashboard,
  'schools.list': listSchools,
  'import.choose': chooseImportFile,
  'import.upload': uploadImportFile,
  'import.start': startImport,
  'import.progress': importProgress,
  'store.verify': verifyStore,
  'store.rebuild': rebuildStore,
  'clock.get': getClock,
  'clock.set': setClock,
  'privileges.queue': privilegeQueue,
  'privileges.review': reviewPrivilege,
  'commission.cases': listCases,
  'commission.open': openCase,
  'commission.decide': decideCase,
  'attachments.upload': uploadAttachment,
  'attachments.get': getAttachment,
  'reports.export': exportReport,
  'reports.progress': reportProgress,
  'reports.download': downloadReport,
  'reports.rows': reportRows,
  'reports.charts': reportCharts,
  'excelImport.template': templateDownload,
  'excelImport.upload': uploadWorkbook,
  'excelImport.preview': previewWorkbook,
  'excelImport.confirm': confirmWorkbook,
  'applications.list': listApplications,
  'applications.get': getApplication,
  'applications.withdraw': withdrawApplication,
  'applications.transfer': transferApplication,
  'applications.streams': transferStreams,
  'applications.filters': listSavedFilters,
  'applications.saveFilter': saveFilter,
  'applications.deleteFilter': deleteFilter,
  'audit.events': auditEvents,
  'audit.verify': auditVerify,
  'print.pdf': printPdf,
  'school.children': schoolChildren,
  'school.receiveDocuments': receiveDocuments,
  'school.orders': schoolOrders,
  'school.issueOrder': issueOrder,
  'waitlists.list': listWaitlists,
  'waitlists.whatIf': waitlistWhatIf,
  'quotas.list': listQuotas,
  'quotas.save': saveQuotas,
  'quotas.setSchool': setSchoolNorm,
  'quotas.whatIf': whatIf,
  'quotas.refused': refusedForSeats,
  'quotas.checkFit': checkFit,
  'catchments.list': listCatchments,
  'catchments.save': saveCatchment,
  'catchments.gaps': catchmentGaps,
};
