// `kabyl server campaign`: opens the server's one campaign (its campaign.opened
// is the log's first event) and declares its districts.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { formatInstant } from '../sequencer/clock';
import { Sequencer } from '../sequencer/sequencer';
import { type District, upsertDistricts } from './districts';

export interface CampaignInput {
  /** campaign.opened's data (FORMATS.md), or null to only add districts */
  campaign: Record<string, unknown> | null;
  /** the event's `at`; default: now */
  at?: string;
  districts: District[];
}

export async function createCampaign(
  db: Database,
  input: CampaignInput,
): Promise<{ head: number }> {
  const sequencer = await Sequencer.start(db);
  try {
    if (input.campaign !== null) {
      if (sequencer.state.campaign !== null) {
        throw new Error('this server already has its campaign: a log holds exactly one');
      }
      const event = {
        id: `campaign-${randomUUID()}`,
        type: 'campaign.opened',
        at: input.at ?? formatInstant(Date.now()),
        actor: { role: 'system', id: 'kabyl-server' },
        data: input.campaign,
      };
      await sequencer.push([event], { kind: 'admin', keepTime: true });
    }
    await upsertDistricts(db, input.districts);
    return { head: sequencer.headSeq };
  } finally {
    await sequencer.close();
  }
}
