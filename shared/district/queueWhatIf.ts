// What-if from the queue (R16): if a stream's quota were raised now, who would
// the engine place from the queues? The raise is one hypothetical quota.set at
// the store's clock, folded by the engine itself, so the answer includes the
// cascade: a standing transfer that moves frees the seat it leaves, and that
// seat goes on to the next in the other stream's line.
import type { Engine } from '../engine/engine';
import { streamKey } from '../engine/model';
import type { QueueEntry } from '../engine/waitlist';
import { parseInstant } from '../log/instant';

export interface QueueRaise {
  schoolId: string;
  language: string;
  /** seats added to the stream's quota */
  add: number;
}

export interface QueuePlacement {
  applicationId: string;
  childName: string;
  kind: QueueEntry['kind'];
  /** the stream whose queue the entry was in */
  queueSchoolId: string;
  queueLanguage: string;
  /** 1-based place in that queue before the raise */
  position: number;
  since: string;
  /** for a standing transfer: the seat the child leaves */
  fromSchoolId: string | null;
  fromLanguage: string | null;
}

export interface QueueWhatIfResult {
  /** the instant the hypothetical quota.set was stamped with */
  at: string;
  quotaBefore: number;
  quotaAfter: number;
  /** false when the queues are closed (or the campaign has none) at `at`: nobody is placed */
  queuesOpen: boolean;
  /** everyone the raise seats, by join order (earliest first) */
  placed: QueuePlacement[];
  /** entries in any queue before and after the raise */
  queuedBefore: number;
  queuedAfter: number;
}

interface Before {
  entry: QueueEntry;
  position: number;
  schoolId: string;
  language: string;
}

/**
 * Folds the raise into `engine`, which is consumed: pass a sandbox (a fresh
 * replay), never the store's live engine. Throws on a stream the engine lacks.
 */
export function raiseAndPlace(engine: Engine, raise: QueueRaise, at: string): QueueWhatIfResult {
  const key = streamKey(raise.schoolId, raise.language);
  const stream = engine.streams.get(key);
  if (!stream) throw new RangeError(`no stream ${key}`);
  const before = new Map<string, Before>();
  for (const s of engine.streams.values()) {
    engine.waitlist(s.key).forEach((entry, i) => {
      const app = engine.applications.get(entry.applicationId)!;
      before.set(app.id, {
        entry,
        position: i + 1,
        schoolId: app.schoolId,
        language: app.language,
      });
    });
  }
  const quotaBefore = stream.quota;
  const quotaAfter = quotaBefore + raise.add;
  engine.ingest({
    id: `what-if-queue:${key}:${at}`,
    type: 'quota.set',
    at,
    data: { schoolId: raise.schoolId, language: raise.language, seats: quotaAfter },
  });
  const queuesOpen = engine.waitlistOpen(parseInstant(at));
  const placed: QueuePlacement[] = [];
  let queuedAfter = 0;
  for (const [id, b] of before) {
    const app = engine.applications.get(id)!;
    if (engine.waitlistEntry(id)?.seq === b.entry.seq) {
      queuedAfter++;
      continue;
    }
    const slash = b.entry.streamKey.lastIndexOf('/');
    const queueSchoolId = b.entry.streamKey.slice(0, slash);
    const queueLanguage = b.entry.streamKey.slice(slash + 1);
    // Out of the queue and seated in its stream: placed. (Closed queues refuse or lapse instead.)
    if (
      app.status !== 'registered' ||
      app.schoolId !== queueSchoolId ||
      app.language !== queueLanguage
    )
      continue;
    placed.push({
      applicationId: id,
      childName: app.childName,
      kind: b.entry.kind,
      queueSchoolId,
      queueLanguage,
      position: b.position,
      since: b.entry.since,
      fromSchoolId: b.entry.kind === 'transfer' ? b.schoolId : null,
      fromLanguage: b.entry.kind === 'transfer' ? b.language : null,
    });
  }
  placed.sort(
    (x, y) => before.get(x.applicationId)!.entry.seq - before.get(y.applicationId)!.entry.seq,
  );
  return {
    at,
    quotaBefore,
    quotaAfter,
    queuesOpen,
    placed,
    queuedBefore: before.size,
    queuedAfter,
  };
}
