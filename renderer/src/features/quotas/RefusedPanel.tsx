// The stream's applications refused for want of a seat, each with the engine's
// dry run of the same child applying again now: "would fit now" or the reason.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useSession } from '../auth/SessionContext';

type Fit = Res<'quotas.checkFit'>;

/** Checked at once when the panel opens; more on request (each is one dry run in main). */
const AUTO_CHECK = 20;

export function RefusedPanel({ schoolId, language }: { schoolId: string; language: string }) {
  const { t, i18n } = useTranslation();
  const { noteError } = useSession();
  const refused = useQuery(`${schoolId}/${language}`, () =>
    api['quotas.refused']({ schoolId, language }),
  );
  const list = refused.data?.applications ?? null;
  const [fits, setFits] = useState<Record<string, Fit | 'error'>>({});

  // One row's check: its own answer or 'error', so one failed dry run leaves the others.
  const check = useCallback(
    async (id: string) => {
      const r = await api['quotas.checkFit']({ applicationId: id });
      if (!r.ok) noteError(r.error);
      setFits((f) => ({ ...f, [id]: r.ok ? r.value : 'error' }));
    },
    [noteError],
  );

  // The first rows are checked one after another as soon as a list arrives; a newer list
  // (another stream) stops the older one's checks.
  useEffect(() => {
    if (!list) return;
    let current = true;
    void (async () => {
      for (const a of list.slice(0, AUTO_CHECK)) {
        if (!current) return;
        await check(a.applicationId);
      }
    })();
    return () => {
      current = false;
    };
  }, [list, check]);

  if (refused.error) return <Alert tone="error">{describeError(t, refused.error)}</Alert>;
  if (!list) return <Loading />;
  return (
    <div className="refused-panel" data-testid="refused-panel">
      <strong>{t('quotas.refusedTitle', { count: list.length })}</strong>
      {list.length === 0 ? (
        <p className="muted">{t('quotas.refusedNone')}</p>
      ) : (
        <table className="table">
          <tbody>
            {list.map((a) => {
              const fit = fits[a.applicationId];
              return (
                <tr key={a.applicationId} data-application={a.applicationId}>
                  <td>{a.childName}</td>
                  <td className="mono">{a.applicationId}</td>
                  <td>{formatDateTime(a.submittedAt, i18n.language)}</td>
                  <td data-testid={`fit-${a.applicationId}`}>
                    {fit === undefined ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => void check(a.applicationId)}
                      >
                        {t('quotas.checkFit')}
                      </button>
                    ) : fit === 'error' ? (
                      <span className="muted">{t('error.internal')}</span>
                    ) : fit.fits ? (
                      <span className="badge-fits" data-fits="yes">
                        {t('quotas.wouldFit')}
                      </span>
                    ) : (
                      <span className="badge-nofit" data-fits="no" data-reason={fit.reason ?? ''}>
                        {fit.reason
                          ? describeError(t, { code: 'refused', message: '', reason: fit.reason })
                          : t('quotas.wouldNotFit')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
