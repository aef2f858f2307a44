import { useEffect, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';

export type ChartData = Res<'reports.charts'>;

/** The aggregated chart data (a few hundred numbers whatever the district's size). */
export function useChartData(onError: (e: ApiError) => void): { data: ChartData | null; error: ApiError | null } {
  const [data, setData] = useState<ChartData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    void api['reports.charts']({}).then((r) => {
      if (!live) return;
      if (r.ok) setData(r.value);
      else {
        setError(r.error);
        onError(r.error);
      }
    });
    return () => {
      live = false;
    };
  }, [onError]);
  return { data, error };
}
