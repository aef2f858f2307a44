// Queues (R16): per school, per stream, who is in line in order, standing
// transfer requests marked with the seat they hold, and since when. An officer
// picks any school of the campaign; a director gets their own (main enforces
// it). The officer can ask, per stream, who a quota raise would place.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import { codeLabel } from '../../i18n/codeLabel';
import { describeError } from '../../i18n/describeError';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useSession } from '../auth/SessionContext';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { QueueWhatIf } from './QueueWhatIf';
import './waitlists.css';

type List = Res<'waitlists.list'>;
type Stream = NonNullable<List['school']>['streams'][number];

export function WaitlistsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [schoolId, setSchoolId] = useState<string | undefined>(undefined);
  const query = useQuery<List>(
    `waitlists.list:${schoolId ?? ''}`,
    () => api['waitlists.list'](schoolId === undefined ? {} : { schoolId }),
    { reloadOnClock: true },
  );
  const { data, error, loading } = query;
  if (!data) {
    if (loading) return <Loading />;
    return (
      <Alert tone="error" testId="waitlists-error">
        {error ? describeError(t, error) : t('error.internal')}
      </Alert>
    );
  }
  const n = (v: number) => formatNumber(v, i18n.language);
  const officer = user?.role === 'district';
  const school = data.school;
  return (
    <div data-testid="waitlists-page">
      <div className="page-header">
        <h1>{t('waitlists.title')}</h1>
        {!officer && school && <span className="scope">{school.name}</span>}
        <span className="header-spacer" />
        <span className="muted" data-testid="waitlists-as-of">
          {t('dashboard.asOf', { date: formatDateTime(data.asOf, i18n.language) })}
        </span>
      </div>
      {error && <Alert tone="error">{describeError(t, error)}</Alert>}
      <Alert tone="info" testId="waitlists-state">
        {!data.enabled
          ? t('waitlists.off')
          : data.open
            ? t('waitlists.open')
            : t('waitlists.closed')}
      </Alert>
      {officer && data.schools.length > 0 && (
        <div className="field waitlists-school">
          <label htmlFor="waitlists-school">{t('waitlists.school')}</label>
          <select
            id="waitlists-school"
            className="select"
            data-testid="waitlists-school"
            value={school?.schoolId ?? ''}
            onChange={(e) => setSchoolId(e.target.value)}
          >
            {data.schools.map((s) => (
              <option key={s.schoolId} value={s.schoolId}>
                {t('waitlists.schoolOption', {
                  name: s.name,
                  count: n(s.streams.reduce((sum, x) => sum + x.waitlist, 0)),
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      {!school ? (
        <section className="panel">
          <div className="panel-body muted">{t('waitlists.noSchools')}</div>
        </section>
      ) : (
        school.streams.map((stream) => (
          <StreamQueue
            // Keyed by school too: another school's stream must not keep this one's what-if.
            key={`${school.schoolId}/${stream.language}`}
            schoolId={school.schoolId}
            stream={stream}
            whatIf={officer && data.enabled}
          />
        ))
      )}
    </div>
  );
}

function StreamQueue({
  schoolId,
  stream,
  whatIf,
}: {
  schoolId: string;
  stream: Stream;
  whatIf: boolean;
}) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const language = streamLanguageName(t, stream.language);
  const titleId = `queue-${schoolId}-${stream.language}`;
  return (
    <section
      className="panel section waitlist-stream"
      aria-labelledby={titleId}
      data-testid="queue-stream"
      data-stream={`${schoolId}/${stream.language}`}
    >
      <div className="panel-header">
        <h2 id={titleId}>{t('waitlists.streamTitle', { language })}</h2>
        <span className="muted">
          {t('waitlists.seats', {
            quota: n(stream.quota),
            occupied: n(stream.occupied),
            free: n(stream.free),
          })}
        </span>
        <span className="header-spacer" />
        <strong data-testid="queue-length">
          {t('waitlists.inLine', { count: n(stream.entries.length) })}
        </strong>
      </div>
      {stream.entries.length === 0 ? (
        <div className="panel-body muted">{t('waitlists.empty')}</div>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="queue-table">
            <thead>
              <tr>
                <th className="num">{t('waitlists.position')}</th>
                <th>{t('waitlists.child')}</th>
                <th>{t('waitlists.kind')}</th>
                <th>{t('waitlists.holds')}</th>
                <th>{t('waitlists.since')}</th>
              </tr>
            </thead>
            <tbody>
              {stream.entries.map((e) => (
                <tr key={e.applicationId} data-application-id={e.applicationId} data-kind={e.kind}>
                  <td className="num">{n(e.position)}</td>
                  <td>{e.childName}</td>
                  <td>
                    <span className={`queue-kind queue-kind-${e.kind}`}>
                      {codeLabel(t, 'queueEntryKind', e.kind)}
                    </span>
                  </td>
                  <td>
                    {e.holds
                      ? t('waitlists.streamOf', {
                          school: e.holds.schoolName,
                          language: streamLanguageName(t, e.holds.language),
                        })
                      : '—'}
                  </td>
                  <td>{formatDateTime(e.since, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {whatIf && <QueueWhatIf schoolId={schoolId} language={stream.language} />}
    </section>
  );
}
