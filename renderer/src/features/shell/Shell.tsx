// The signed-in layout: header, role navigation, and the current screen.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { DemoBadge, DemoBanner } from '../../ui/DemoMarker';
import type { SessionStore, SessionUser } from '../auth/SessionContext';
import { DashboardPage } from '../dashboard/DashboardPage';
import { ImportPage } from '../import/ImportPage';
import { ReportsPage } from '../reports/ReportsPage';
import { ApplicationsPage } from '../applications/ApplicationsPage';
import { AuditPage } from '../audit/AuditPage';
import { SchoolPage } from '../school/SchoolPage';
import { DocumentsPage } from '../documents/DocumentsPage';
import { OrdersPage } from '../orders/OrdersPage';
import { DemoClock } from '../democlock/DemoClock';
import { QuotasPage } from '../quotas/QuotasPage';
import { CatchmentsPage } from '../catchments/CatchmentsPage';
import { PrivilegesPage } from '../privileges/PrivilegesPage';
import { CommissionPage } from '../commission/CommissionPage';
import { SyncBadge } from '../sync/SyncBadge';
import { SyncPage } from '../sync/SyncPage';
import { WaitlistsPage } from '../waitlists/WaitlistsPage';
import { navigationFor, type NavId } from './navigation';
import { UserMenu } from './UserMenu';
import { useHashRoute } from './useHashRoute';

export function Shell({ user, store }: { user: SessionUser; store: SessionStore | null }) {
  const { t } = useTranslation();
  // The demo has no server: its sync screen would only say so.
  const items = navigationFor(user.role).filter(
    (item) => item.id !== 'sync' || store?.kind === 'real',
  );
  const [route, navigate] = useHashRoute();
  const active = items.find((item) => item.id === route) ?? items[0]!;
  const isDemo = store?.kind === 'demo';

  useEffect(() => {
    // A stale or foreign hash (another role's screen after a reload) lands on the first screen.
    if (route !== active.id) navigate(active.id);
  }, [route, active.id, navigate]);

  useEffect(() => {
    document.title = `${t(`nav.${active.id}`)} · ${t('app.name')}${isDemo ? ` · ${t('demo.badge')}` : ''}`;
  }, [t, active.id, isDemo]);

  return (
    <div className="shell" data-role={user.role}>
      {isDemo ? <DemoBanner /> : <div />}
      <header className="header">
        <div className="header-brand">
          <span className="logo" aria-hidden="true">
            K
          </span>
          {t('app.name')}
        </div>
        {store && (
          <div className="header-district" data-testid="district-name">
            {store.districtName}
          </div>
        )}
        {isDemo && <DemoBadge />}
        <span className="header-spacer" />
        {isDemo && user.role === 'district' && <DemoClock />}
        {store?.kind === 'real' && <SyncBadge />}
        <LanguageSwitcher />
        <UserMenu user={user} />
      </header>
      <nav className="nav" aria-label={t('nav.label')} data-testid="navigation">
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <a
                href={`#/${item.id}`}
                data-nav={item.id}
                aria-current={item.id === active.id ? 'page' : undefined}
              >
                {t(`nav.${item.id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {/* Focusable so that a keyboard user can scroll a screen that has nothing to tab to. */}
      <main className="main" tabIndex={0} data-testid={`screen-${active.id}`}>
        <Screen id={active.id} />
      </main>
    </div>
  );
}

/** Every navigation id has its screen; the Record makes a new id a compile error here until it does. */
const SCREENS: Record<NavId, () => React.JSX.Element> = {
  dashboard: DashboardPage,
  import: ImportPage,
  reports: ReportsPage,
  applications: ApplicationsPage,
  audit: AuditPage,
  mySchool: SchoolPage,
  documents: DocumentsPage,
  orders: OrdersPage,
  quotas: QuotasPage,
  catchments: CatchmentsPage,
  privileges: PrivilegesPage,
  commission: CommissionPage,
  sync: SyncPage,
  waitlists: WaitlistsPage,
};

function Screen({ id }: { id: NavId }) {
  const Page = SCREENS[id];
  return <Page />;
}
