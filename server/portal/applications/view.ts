// What a parent sees of one submission: the log's decision when there is
// one (the engine's state at the committed head), else the portal's own row
// (address pending, or refused before the log: registry_not_found).
import type { Engine } from '../../../shared/engine/engine';
import type { ApplicationView, Receipt } from '../../../shared/portal/contract';
import { formatInstant } from '../../sequencer/clock';
import { phaseAt } from './campaign';
import { type ApplicationRow, choiceOf } from './store';

export function applicationView(row: ApplicationRow, engine: Engine, now: number): ApplicationView {
  const c = engine.campaign!;
  const choice = choiceOf(row);
  const a = row.state === 'decided' ? engine.applications.get(row.application_id) : undefined;
  let status: ApplicationView['status'] = a ? a.status : row.state === 'pending' ? 'address_pending' : 'refused';
  // The engine moves its clock only with events: past the documents deadline a registered child
  // has no documents (R11) whether or not an event has come since.
  if (status === 'registered' && now >= c.documentsEnd) status = 'no_documents';
  const reason = a ? (status === 'no_documents' ? 'no_documents' : a.reason) : row.refusal;
  const schoolId = a?.schoolId ?? choice.schoolId;
  const withdrawals = engine.withdrawalsOf(row.child_pin);
  const withdrawalsLeft = c.maxWithdrawals === null ? null : Math.max(0, c.maxWithdrawals - withdrawals);
  const phase = phaseAt(c, now);
  const open = phase === 'stage1' || phase === 'stage2';
  return {
    applicationId: row.application_id,
    childPin: row.child_pin,
    campaignYear: c.year,
    status,
    reason: reason ?? null,
    schoolId,
    schoolName: engine.schools.get(schoolId)?.name ?? schoolId,
    language: a?.language ?? choice.language,
    stage: a ? a.stage : (engine.stageAt(row.received_at.getTime()) ?? null),
    basis: a?.basis ?? null,
    privilege: a?.privilege ?? (choice.privilege && row.state === 'pending' ? 'pending' : 'none'),
    privilegeCategory: a?.privilegeCategory ?? choice.privilege?.category ?? null,
    orderNumber: a?.orderNumber ?? null,
    receivedAt: formatInstant(row.received_at.getTime()),
    position: Number(row.position),
    seq: row.seq === null ? null : Number(row.seq),
    documentsStart: formatInstant(c.documentsStart),
    documentsEnd: formatInstant(c.documentsEnd),
    withdrawalsLeft,
    canWithdraw:
      (status === 'registered' || status === 'waitlisted') && open && (withdrawalsLeft === null || withdrawalsLeft > 0),
    canTransfer: status === 'registered' && phase === 'stage2',
  };
}

export function receiptOf(row: ApplicationRow, engine: Engine, now: number): Receipt {
  const v = applicationView(row, engine, now);
  return {
    applicationId: v.applicationId,
    receivedAt: v.receivedAt,
    position: v.position,
    status: v.status,
    reason: v.reason,
  };
}
