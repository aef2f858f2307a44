// Loads the dashboard figures and the per-school seats. The director's scope comes
// from main (dashboard.get answers with their school whatever is asked).
import { useEffect } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';

export type Dashboard = Res<'dashboard.get'>;
export type SchoolSummary = Res<'schools.list'>['schools'][number];

interface State {
  dashboard: Dashboard | null;
  schools: SchoolSummary[];
  error: ApiError | null;
  loading: boolean;
}

export function useDashboardData(): State & { reload(): void } {
  const dashboard = useQuery<Dashboard>('dashboard.get', () => api['dashboard.get']({}));
  const schools = useQuery<Res<'schools.list'>>('schools.list', () => api['schools.list']({}));
  const { reload: reloadDashboard } = dashboard;
  const { reload: reloadSchools } = schools;

  useEffect(() => {
    // The dashboard stays open all day on a department PC: coming back to the window
    // shows the figures as they are now, not as they were this morning.
    const onVisible = () => {
      if (document.visibilityState === 'visible')
        void Promise.all([reloadDashboard(), reloadSchools()]);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reloadDashboard, reloadSchools]);

  const scope = dashboard.data?.scope ?? null;
  // Schools outside the campaign (private, special...) count in no campaign figure (issue 13).
  const list = dashboard.data && schools.data ? schools.data.schools.filter((s) => s.inScope) : [];
  return {
    dashboard: dashboard.data,
    // Main already limits a director's list; this keeps the table on the dashboard's scope.
    schools: scope ? list.filter((s) => s.schoolId === scope.schoolId) : list,
    error: dashboard.error ?? schools.error,
    loading: dashboard.data === null && dashboard.error === null,
    reload: () => void Promise.all([reloadDashboard(), reloadSchools()]),
  };
}
