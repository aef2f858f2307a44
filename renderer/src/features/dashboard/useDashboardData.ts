// Loads the dashboard figures and the per-school seats in one go. The director's
// scope comes from main (dashboard.get answers with their school whatever is asked).
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { useSession } from '../auth/SessionContext';

export type Dashboard = Res<'dashboard.get'>;
export type SchoolSummary = Res<'schools.list'>['schools'][number];

interface State {
  dashboard: Dashboard | null;
  schools: SchoolSummary[];
  error: ApiError | null;
  loading: boolean;
}

export function useDashboardData(): State & { reload(): void } {
  const { noteError } = useSession();
  const [state, setState] = useState<State>({ dashboard: null, schools: [], error: null, loading: true });

  const load = useCallback(async () => {
    setState((s) => ({ ...s, loading: s.dashboard === null }));
    const [dashboard, schools] = await Promise.all([api['dashboard.get']({}), api['schools.list']({})]);
    if (!dashboard.ok) {
      noteError(dashboard.error);
      setState({ dashboard: null, schools: [], error: dashboard.error, loading: false });
      return;
    }
    if (!schools.ok) noteError(schools.error);
    const scope = dashboard.value.scope;
    const list = schools.ok ? schools.value.schools : [];
    setState({
      dashboard: dashboard.value,
      // Main already limits a director's list; this keeps the table on the dashboard's scope.
      schools: scope ? list.filter((s) => s.schoolId === scope.schoolId) : list,
      error: schools.ok ? null : schools.error,
      loading: false,
    });
  }, [noteError]);

  useEffect(() => {
    void load();
    // The dashboard stays open all day on a department PC: coming back to the window
    // shows the figures as they are now, not as they were this morning.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);

  return { ...state, reload: () => void load() };
}
