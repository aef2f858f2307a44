// The one reader every screen uses (renderer/src/data): only the newest answer is
// kept, a failure is reported to the session once and kept for the screen, and an
// answer that lands after the screen moved on changes nothing.
import { describe, expect, it } from 'vitest';
import { QueryRunner } from '../../renderer/src/data/queryRunner';
import type { ApiError, Result } from '../../shared/ipc/contract';

/** A call whose answer the test releases when it chooses. */
function deferred<T>() {
  let release!: (r: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (release = resolve));
  return { call: () => promise, release };
}
const refused: ApiError = { code: 'refused', message: 'no', reason: 'no_free_seats' } as ApiError;

describe('QueryRunner', () => {
  it('keeps the newest answer when an older one lands last (a slow answer to an old filter)', async () => {
    const noted: ApiError[] = [];
    const runner = new QueryRunner<string>((e) => noted.push(e));
    const old = deferred<string>();
    const fresh = deferred<string>();
    const first = runner.run(old.call);
    const second = runner.run(fresh.call);
    fresh.release({ ok: true, value: 'filter B' });
    expect(await second).toEqual({ ok: true, value: 'filter B' });
    old.release({ ok: true, value: 'filter A' });
    expect(await first).toBeNull();
    expect(runner.current).toEqual({ data: 'filter B', error: null, loading: false });
    expect(noted).toEqual([]);
  });

  it('reports a failure to the session once, keeps it for the screen, and keeps the last good data', async () => {
    const noted: ApiError[] = [];
    const runner = new QueryRunner<number>((e) => noted.push(e));
    await runner.run(async () => ({ ok: true, value: 7 }));
    const states: boolean[] = [];
    runner.subscribe((s) => states.push(s.loading));
    await runner.run(async () => ({ ok: false, error: refused }));
    expect(noted).toEqual([refused]);
    expect(runner.current).toEqual({ data: 7, error: refused, loading: false });
    expect(states).toEqual([true, false]);
    // The next good answer clears the error.
    await runner.run(async () => ({ ok: true, value: 8 }));
    expect(runner.current).toEqual({ data: 8, error: null, loading: false });
  });

  it('drops an answer that lands after cancel (the screen went away)', async () => {
    const runner = new QueryRunner<string>(() => undefined);
    const late = deferred<string>();
    const run = runner.run(late.call);
    runner.cancel();
    expect(runner.current.loading).toBe(false);
    late.release({ ok: true, value: 'too late' });
    expect(await run).toBeNull();
    expect(runner.current.data).toBeNull();
  });

  it('turns a transport that throws into an unavailable error, not an unhandled rejection', async () => {
    const noted: ApiError[] = [];
    const runner = new QueryRunner<string>((e) => noted.push(e));
    const r = await runner.run(() => Promise.reject(new Error('bridge gone')));
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(noted.map((e) => e.code)).toEqual(['unavailable']);
  });

  it("setData puts a write's answer in place", () => {
    const runner = new QueryRunner<string[]>(() => undefined);
    runner.setData(['saved filter']);
    expect(runner.current).toEqual({ data: ['saved filter'], error: null, loading: false });
  });
});
