// Withdraw (R8) and transfer (R7) on a parent's request: events in the log,
// named with the parent's account, judged by the engine like any other.
import type { LogEvent } from '../../../shared/log/events';
import type { Database } from '../../db/database';
import { formatInstant } from '../../sequencer/clock';
import type { Sequencer } from '../../sequencer/sequencer';
import { newId } from '../accounts/tokens';
import { PortalFailure } from '../errors';
import type { ApplicationRow } from './store';

/** The parent's own submission, or not_found (the same for another parent's: no probing). */
export async function ownApplication(db: Database, accountId: string, id: string): Promise<ApplicationRow> {
  const [row] = await db.query<ApplicationRow>(
    'SELECT * FROM portal_applications WHERE application_id = $1 AND account_id = $2',
    [id, accountId],
  );
  if (!row) throw new PortalFailure('not_found', 'no such application in your cabinet');
  return row;
}

export async function requestChange(
  sequencer: Sequencer,
  row: ApplicationRow,
  accountId: string,
  now: number,
  change: { type: 'application.withdrawn' } | { type: 'application.transfer_requested'; schoolId: string; language?: string },
): Promise<void> {
  if (row.state !== 'decided') {
    throw new PortalFailure('rule_refused', 'this application holds no place', { reason: 'not_active' });
  }
  const data: Record<string, unknown> = { applicationId: row.application_id };
  if (change.type === 'application.transfer_requested') {
    data.toSchoolId = change.schoolId;
    if (change.language) data.toLanguage = change.language;
  }
  const event = {
    id: newId('portal-'),
    type: change.type,
    at: formatInstant(now),
    actor: { role: 'parent', id: accountId },
    data,
  } as unknown as LogEvent;
  const [outcome] = (await sequencer.push([event], { kind: 'admin' })).outcomes;
  if (outcome.status === 'refused') {
    throw new PortalFailure('rule_refused', `refused by the rules: ${outcome.reason}`, { reason: outcome.reason });
  }
}
