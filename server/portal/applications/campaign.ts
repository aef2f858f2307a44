// The campaign as the portal shows it, read from the sequencer's engine at the server's clock.
import type { CampaignInfo, Phase } from '../../../shared/portal/contract';
import type { Engine } from '../../../shared/engine/engine';
import type { Campaign } from '../../../shared/engine/model';
import { formatInstant } from '../../sequencer/clock';
import { PortalFailure } from '../errors';

export function requireCampaign(engine: Engine): Campaign {
  if (engine.campaign === null) throw new PortalFailure('outside_window', 'no campaign is open on this server');
  return engine.campaign;
}

export function phaseAt(c: Campaign, now: number): Phase {
  if (now < c.stage1Start) return 'before';
  if (now < c.stage2Start) return 'stage1';
  if (now < c.stage2End) return 'stage2';
  return 'closed';
}

export function campaignInfo(c: Campaign, now: number): CampaignInfo {
  const phase = phaseAt(c, now);
  const day = (k: number) => `${String(k).slice(0, 4)}-${String(k).slice(4, 6)}-${String(k).slice(6, 8)}`;
  return {
    year: c.year,
    now: formatInstant(now),
    phase,
    stage1Start: formatInstant(c.stage1Start),
    stage2Start: formatInstant(c.stage2Start),
    stage2End: formatInstant(c.stage2End),
    documentsStart: formatInstant(c.documentsStart),
    documentsEnd: formatInstant(c.documentsEnd),
    birthDateFrom: day(c.birthFrom),
    birthDateTo: day(c.birthTo),
    maxWithdrawals: c.maxWithdrawals,
    privilegeCategories: [...c.privilegeCategories],
    opensAt: phase === 'before' ? formatInstant(c.stage1Start) : null,
  };
}

/** Throws outside_window (with opensAt) unless a stage is open now. */
export function requireOpenStage(c: Campaign, now: number): 1 | 2 {
  const phase = phaseAt(c, now);
  if (phase === 'stage1') return 1;
  if (phase === 'stage2') return 2;
  throw new PortalFailure(
    'outside_window',
    phase === 'before' ? 'applications open later' : 'applications for this campaign are closed',
    phase === 'before' ? { opensAt: formatInstant(c.stage1Start) } : {},
  );
}
