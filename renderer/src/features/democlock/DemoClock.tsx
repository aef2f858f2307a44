// The demo clock control, for a district officer in the demo: the demo's current
// time and shortcuts to the campaign boundaries that matter for the documents
// flows (the documents window opening, the day before the deadline, the deadline),
// or any later date and time. Built on clock.get / clock.set: forward only.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../bridge';
import { useCommand } from '../../data/useQuery';
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

export function DemoClock() {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState<string | null>(null);
  const [targets, setTargets] = useState<Targets | null>(null);
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const command = useCommand();
  const { busy } = command;
  // A date the input cannot turn into an instant is refused here, before main is asked.
  const [badDate, setBadDate] = useState(false);
  const error: ApiError | null = badDate ? { code: 'invalid_request', message: 'at' } : command.error;

  const load = useCallback(async () => {
    const [clock, dash] = await Promise.all([api['clock.get']({}), api['dashboard.get']({})]);
    if (clock.ok && clock.value.settable) setNow(clock.value.now);
    if (dash.ok && dash.value.documentsDeadline) {
      // The dashboard knows the calendar's deadline; the window opens at the `documentsStart` boundary.
      const next = dash.value.next;
      setTargets((prev) => ({
        documentsStart: next?.boundary === 'documentsStart' ? next.at : (prev?.documentsStart ?? ''),
        documentsEnd: dash.value.documentsDeadline!.at,
      }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (now === null) return null;

  const move = async (at: string | null) => {
    setBadDate(!at);
    if (!at) return;
    const moved = await command.run(() => api['clock.set']({ at }));
    if (!moved) return;
    setNow(moved.now);
    setOpen(false);
    announceClockChanged();
    void load();
  };

  return (
    <div className="democlock" data-testid="demo-clock">
      <button type="button" className="democlock-toggle" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="demo-clock-toggle">
        <span className="democlock-label">{t('democlock.label')}</span>
        <span data-testid="demo-clock-now">{formatDateTime(now, i18n.language)}</span>
      </button>
      {open && (
        <div className="democlock-panel" role="group" aria-label={t('democlock.label')}>
          <p className="muted">{t('democlock.explain')}</p>
          {targets?.documentsStart && (
            <button type="button" className="btn btn-block" disabled={busy} onClick={() => void move(targets.documentsStart)} data-testid="demo-clock-documents">
              {t('democlock.documentsOpen')}
            </button>
          )}
          {targets && (
            <>
              <button type="button" className="btn btn-block" disabled={busy} onClick={() => void move(dayBefore(targets.documentsEnd))} data-testid="demo-clock-last-day">
                {t('democlock.lastDay')}
              </button>
              <button type="button" className="btn btn-block" disabled={busy} onClick={() => void move(targets.documentsEnd)} data-testid="demo-clock-deadline">
                {t('democlock.deadline')}
              </button>
            </>
          )}
          <label className="field">
            <span>{t('democlock.custom')}</span>
            <input type="datetime-local" className="input" value={custom} onChange={(e) => setCustom(e.target.value)} data-testid="demo-clock-input" />
          </label>
          <button type="button" className="btn btn-primary btn-block" disabled={busy || !custom} onClick={() => void move(fromLocalInput(custom))} data-testid="demo-clock-set">
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
