// The demo clock control, for a district officer in the demo: the demo's current
// time and shortcuts to the campaign boundaries that matter for the documents
// flows (the documents window opening, the day before the deadline, the deadline),
// or any later date and time. Built on clock.get / clock.set: forward only.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, type Result } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../../i18n/formatting';
import { announceClockChanged } from './clockEvents';
import './democlock.css';

interface Targets {
  documentsStart: string;
  documentsEnd: string;
}

/** The day before an instant, same time: the last day documents are taken. */
function dayBefore(instant: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(.*)$/.exec(instant);
  if (!m) return instant;
  const d = new Date(`${m[1]}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return `${d.toISOString().slice(0, 10)}T${m[2]}`;
}

/** `YYYY-MM-DDTHH:MM` from a datetime-local input, as a Bishkek instant. */
function fromLocalInput(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+06:00` : null;
}

interface ClockView {
  /** the demo's current time; null where the clock cannot be moved (nothing to show) */
  now: string | null;
  targets: Targets | null;
}

/**
 * The clock and the boundaries its shortcuts jump to. The documents window's opening is
 * known only while it is the next boundary, so `knownStart` carries it past that point.
 */
async function readClock(knownStart: { current: string }): Promise<Result<ClockView>> {
  const [clock, dash] = await Promise.all([api['clock.get']({}), api['dashboard.get']({})]);
  if (!clock.ok) return clock;
  const now = clock.value.settable ? clock.value.now : null;
  // Without the dashboard the clock still shows and moves; only the shortcuts are missing.
  const deadline = dash.ok ? dash.value.documentsDeadline : null;
  if (!dash.ok || !deadline) return { ok: true, value: { now, targets: null } };
  const next = dash.value.next;
  if (next?.boundary === 'documentsStart') knownStart.current = next.at;
  return {
    ok: true,
    value: { now, targets: { documentsStart: knownStart.current, documentsEnd: deadline.at } },
  };
}

export function DemoClock() {
  const { t, i18n } = useTranslation();
  const knownStart = useRef('');
  // Moving the clock announces it, and this reads again with every other screen.
  const view = useQuery('demo-clock', () => readClock(knownStart), { reloadOnClock: true });
  const now = view.data?.now ?? null;
  const targets = view.data?.targets ?? null;
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const command = useCommand();
  const { busy } = command;
  // A date the input cannot turn into an instant is refused here, before main is asked.
  const [badDate, setBadDate] = useState(false);
  const error: ApiError | null = badDate
    ? { code: 'invalid_request', message: 'at' }
    : command.error;

  if (now === null) return null;

  const move = async (at: string | null) => {
    setBadDate(!at);
    if (!at) return;
    const moved = await command.run(() => api['clock.set']({ at }));
    if (!moved) return;
    view.setData({ now: moved.now, targets });
    setOpen(false);
    announceClockChanged();
  };

  return (
    <div className="democlock" data-testid="demo-clock">
      <button
        type="button"
        className="democlock-toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="demo-clock-toggle"
      >
        <span className="democlock-label">{t('democlock.label')}</span>
        <span data-testid="demo-clock-now">{formatDateTime(now, i18n.language)}</span>
      </button>
      {open && (
        <div className="democlock-panel" role="group" aria-label={t('democlock.label')}>
          <p className="muted">{t('democlock.explain')}</p>
          {targets?.documentsStart && (
            <button
              type="button"
              className="btn btn-block"
              disabled={busy}
              onClick={() => void move(targets.documentsStart)}
              data-testid="demo-clock-documents"
            >
              {t('democlock.documentsOpen')}
            </button>
          )}
          {targets && (
            <>
              <button
                type="button"
                className="btn btn-block"
                disabled={busy}
                onClick={() => void move(dayBefore(targets.documentsEnd))}
                data-testid="demo-clock-last-day"
              >
                {t('democlock.lastDay')}
              </button>
              <button
                type="button"
                className="btn btn-block"
                disabled={busy}
                onClick={() => void move(targets.documentsEnd)}
                data-testid="demo-clock-deadline"
              >
                {t('democlock.deadline')}
              </button>
            </>
          )}
          <label className="field">
            <span>{t('democlock.custom')}</span>
            <input
              type="datetime-local"
              className="input"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
              data-testid="demo-clock-input"
            />
          </label>
          <button
            type="button"
            className="btn btn-primary btn-block"
            disabled={busy || !custom}
            onClick={() => void move(fromLocalInput(custom))}
            data-testid="demo-clock-set"
          >
            {t('democlock.set')}
          </button>
          {error && (
            <div className="alert alert-error" role="alert" data-testid="demo-clock-error">
              {error.code === 'invalid_request' ? t('democlock.invalid') : describeError(t, error)}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
