import { api, type ApiError, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';

export type ChartData = Res<'reports.charts'>;

/** The aggregated chart data (a few hundred numbers whatever the district's size). */
export function useChartData(): { data: ChartData | null; error: ApiError | null } {
  const { data, error } = useQuery<ChartData>('reports.charts', () => api['reports.charts']({}));
  return { data, error };
}
