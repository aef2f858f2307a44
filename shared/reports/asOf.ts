// Where an "as of" instant stands against the campaign: the reports page warns when
// it is outside, because a report as of a moment before the campaign opened has no
// rows, and one after the store's clock cannot know what has not happened yet.
import { parseInstant } from '../log/instant';

export const AS_OF_WARNINGS = ['before_campaign', 'after_campaign', 'in_future'] as const;
export type AsOfWarning = (typeof AS_OF_WARNINGS)[number];

export interface CampaignSpan {
  /** stage 1 opens: the first moment an application can exist */
  stage1Start: string;
  /** the documents deadline: after it the campaign's figures no longer move */
  documentsEnd: string;
}

/**
 * Null when `asOf` lies within the campaign and not after `now`. Past the documents
 * deadline the report still shows the campaign's final state, but the officer is told.
 */
export function asOfWarning(
  asOf: string,
  campaign: CampaignSpan | null,
  now: string,
): AsOfWarning | null {
  const at = parseInstant(asOf);
  if (Number.isNaN(at)) return null;
  if (campaign === null || at < parseInstant(campaign.stage1Start)) return 'before_campaign';
  if (at > parseInstant(now)) return 'in_future';
  if (at > parseInstant(campaign.documentsEnd)) return 'after_campaign';
  return null;
}
