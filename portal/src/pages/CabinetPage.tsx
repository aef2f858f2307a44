// The parent's children across campaigns, each with its applications, and what to do next.
import { useTranslation } from 'react-i18next';
import type { ApplicationView, CampaignInfo, ChildView } from '../../../shared/portal/contract';
import { formatDate, formatDateTime } from '../../../renderer/src/i18n/formatting';
import { Link } from '../app/Link';
import { portalApi } from '../api/portal';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/describe';
import { languageLabel, statusLabel } from '../ui/labels';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { useLoad } from '../ui/useLoad';

const ACTIVE = ['address_pending', 'registered', 'documents_received', 'enrolled', 'waitlisted'];

export function CabinetPage() {
  const { t, i18n } = useTranslation();
  const { data, error } = useLoad(
    () => Promise.all([portalApi.cabinet(), portalApi.campaign()]),
    [],
  );
  if (error) {
    return (
      <Page title={t('cabinet.title')}>
        <Alert kind="error">{describeError(t, error, i18n.language)}</Alert>
      </Page>
    );
  }
  if (!data) return <Loading />;
  const [cabinet, campaign] = data;
  return (
    <Page title={t('cabinet.title')}>
      <CampaignBanner campaign={campaign} />
      {cabinet.children.length === 0 && <p>{t('cabinet.noChildren')}</p>}
      <ul className="cards" aria-label={t('cabinet.children')}>
        {cabinet.children.map((child) => (
          <li key={child.pin}>
            <ChildCard child={child} campaign={campaign} />
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" href="/children/add">
          {t('cabinet.addChild')}
        </Link>
      </p>
    </Page>
  );
}

export function CampaignBanner({ campaign }: { campaign: CampaignInfo }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (campaign.phase === 'stage1' || campaign.phase === 'stage2') {
    const until = campaign.phase === 'stage1' ? campaign.stage2Start : campaign.stage2End;
    return (
      <Alert kind="info">
        {t(`campaign.${campaign.phase}Open`, {
          year: campaign.year,
          date: formatDateTime(until, lang),
        })}
      </Alert>
    );
  }
  return (
    <Alert kind="info">
      {campaign.opensAt
        ? t('campaign.opensAt', {
            year: campaign.year,
            date: formatDateTime(campaign.opensAt, lang),
          })
        : t('campaign.closed', { year: campaign.year })}
    </Alert>
  );
}

function ChildCard({ child, campaign }: { child: ChildView; campaign: CampaignInfo }) {
  const { t, i18n } = useTranslation();
  const name = [child.lastName, child.firstName, child.patronymic].filter(Boolean).join(' ');
  const current = child.applications.find(
    (a) => a.campaignYear === campaign.year && ACTIVE.includes(a.status),
  );
  const open = campaign.phase === 'stage1' || campaign.phase === 'stage2';
  return (
    <article className="card" aria-labelledby={`child-${child.pin}`}>
      <h2 id={`child-${child.pin}`}>{name}</h2>
      <dl className="facts">
        <dt>{t('child.birthDate')}</dt>
        <dd>{formatDate(child.birthDate, i18n.language)}</dd>
        <dt>{t('child.address')}</dt>
        <dd>{child.address ?? t('child.addressPending')}</dd>
      </dl>
      {child.registry === 'pending' && <p className="note">{t('child.registryPending')}</p>}
      {!child.eligible && <p className="note">{t('child.notEligible')}</p>}
      {child.applications.length > 0 && (
        <>
          <h3>{t('cabinet.applications')}</h3>
          <ul className="applications">
            {child.applications.map((a) => (
              <li key={a.applicationId}>
                <ApplicationLine application={a} />
              </li>
            ))}
          </ul>
        </>
      )}
      {child.eligible && !current && open && (
        <Link className="button" href={`/children/${encodeURIComponent(child.pin)}/apply`}>
          {t('cabinet.apply')}
        </Link>
      )}
    </article>
  );
}

function ApplicationLine({ application: a }: { application: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <Link href={`/applications/${encodeURIComponent(a.applicationId)}`}>
      <span className={`badge badge-${a.status}`}>{statusLabel(t, a.status)}</span> {a.campaignYear}
      : {a.schoolName}, {languageLabel(t, a.language)}
    </Link>
  );
}
