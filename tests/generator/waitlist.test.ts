// `kabyl generate --waitlist` (R16): a campaign in which families really use
// the queues: they wait, some are placed from the line, some leave it, some ask
// for a full favourite and keep their seat meanwhile, the rest are refused at
// closing. The engine decides all of it; these tests count what it decided.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { generateLog } from '../../shared/generator';
import { kabyl } from '../cli/runCli';
import { generate, replayLines } from './generated';

const OPTIONS = { seed: 4, districts: 2, schoolsPerDistrict: 12, children: 5000, waitlist: true };

describe('generator with waitlists', () => {
  const { events, lines } = generate(OPTIONS);

  it('opens the campaign with the option, and only when asked', () => {
    expect(events[0]).toMatchObject({ type: 'campaign.opened', data: { waitlist: true } });
    const plain = generateLog({ ...OPTIONS, waitlist: false }).next().value!;
    expect('waitlist' in plain.data).toBe(false);
  });

  it('families queue, are placed from the line, leave it, and stand for transfers', () => {
    const engine = new Engine();
    const queued = new Set<string>();
    const standing = new Set<string>();
    let leftLine = 0;
    let movedByQueue = 0;
    for (const e of events) {
      const before =
        e.type === 'application.withdrawn'
          ? engine.applications.get(e.data.applicationId)?.status
          : undefined;
      const from =
        e.type === 'application.transfer_requested'
          ? engine.applications.get(e.data.applicationId)?.schoolId
          : undefined;
      engine.ingest(e);
      if (
        e.type === 'application.submitted' &&
        engine.applications.get(e.data.applicationId)?.status === 'waitlisted'
      ) {
        queued.add(e.data.applicationId);
      }
      if (e.type === 'application.withdrawn' && before === 'waitlisted') leftLine++;
      if (
        e.type === 'application.transfer_requested' &&
        engine.waitlistEntry(e.data.applicationId)?.kind === 'transfer'
      ) {
        standing.add(e.data.applicationId);
        expect(engine.applications.get(e.data.applicationId)!.schoolId).toBe(from);
      }
    }
    const final = replayLines(lines);
    const placedFromLine = [...queued].filter((id) =>
      ['enrolled', 'documents_received', 'no_documents'].includes(final.applications[id].status),
    );
    for (const id of standing) {
      const first = events.find(
        (e) => e.type === 'application.submitted' && e.data.applicationId === id,
      )!;
      if (final.applications[id].schoolId !== (first.data as { schoolId: string }).schoolId)
        movedByQueue++;
    }
    const closed = Object.values(final.applications).filter(
      (a) => a.reason === 'waitlist_closed',
    ).length;
    expect(queued.size).toBeGreaterThan(100);
    expect(placedFromLine.length).toBeGreaterThan(20);
    expect(leftLine).toBeGreaterThan(10);
    expect(standing.size).toBeGreaterThan(5);
    expect(movedByQueue).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(10);
    // After the campaign nobody is left in a queue.
    for (const s of Object.values(final.streams)) expect(s.waitlist).toBe(0);
  });

  it('a campaign caught in stage 2 has people in line, with positions from 1', () => {
    const cut = generate({ ...OPTIONS, until: '2026-07-20T18:00:00+06:00' });
    const out = replayLines(cut.lines);
    const waiting = Object.values(out.applications).filter((a) => a.status === 'waitlisted');
    expect(waiting.length).toBeGreaterThan(20);
    for (const a of waiting)
      expect(a.waitlist).toMatchObject({ schoolId: a.schoolId, language: a.language });
    const positions = waiting.map((a) => a.waitlist!.position);
    expect(positions).toContain(1);
  });

  it('kabyl generate --waitlist writes the library’s log', () => {
    const small = { seed: 9, districts: 1, schoolsPerDistrict: 6, children: 600, waitlist: true };
    let text = '';
    for (const e of generateLog(small)) text += JSON.stringify(e) + '\n';
    const r = kabyl([
      'generate',
      '--seed',
      '9',
      '--schools',
      '6',
      '--children',
      '600',
      '--waitlist',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(text);
  });
});
