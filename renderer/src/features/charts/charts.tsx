// The five charts, each a function of the aggregated data (shared/charts/aggregate.ts)
// and a size. Animations are off: a chart is a report, and PNG/print must catch it drawn.
import type { TFunction } from 'i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { labelOf, PRIVILEGE_CATEGORY } from '../../../../shared/labels';
import type { Language } from '../../i18n/languages';
import type { ChartData } from './useChartData';

export const COLORS = {
  stage1: '#2f6fb0',
  stage2: '#e08a1e',
  other: '#8a96a3',
  occupied: '#2f6fb0',
  free: '#a9cdea',
  overflow: '#c0392b',
  received: '#2e8b57',
  target: '#555',
};
const PIE = ['#2f6fb0', '#e08a1e', '#2e8b57', '#8e44ad', '#c0392b', '#16a085'];

/** `2026-04-11` -> `11.04` */
const shortDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;
const shortName = (name: string, max = 22) =>
  name.length > max ? `${name.slice(0, max - 1)}…` : name;

export function PerDayChart({
  data,
  t,
  width,
  height,
}: {
  data: ChartData;
  t: TFunction;
  width: number;
  height: number;
}) {
  return (
    <BarChart
      width={width}
      height={height}
      data={data.perDay}
      margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} minTickGap={12} />
      <YAxis fontSize={11} allowDecimals={false} />
      <Tooltip labelFormatter={(d) => shortDay(String(d))} />
      <Legend />
      <Bar
        dataKey="stage1"
        stackId="s"
        name={t('charts.stage1')}
        fill={COLORS.stage1}
        isAnimationActive={false}
      />
      <Bar
        dataKey="stage2"
        stackId="s"
        name={t('charts.stage2')}
        fill={COLORS.stage2}
        isAnimationActive={false}
      />
      <Bar
        dataKey="other"
        stackId="s"
        name={t('charts.otherStage')}
        fill={COLORS.other}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

export function FillChart({
  schools,
  t,
  width,
  height,
}: {
  schools: ChartData['fill']['schools'];
  t: TFunction;
  width: number;
  height: number;
}) {
  const rows = schools.map((s) => ({ ...s, label: shortName(s.name) }));
  return (
    <BarChart
      layout="vertical"
      width={width}
      height={height}
      data={rows}
      margin={{ top: 8, right: 12, bottom: 4, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" fontSize={11} allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={150} fontSize={10} interval={0} />
      <Tooltip />
      <Legend />
      <Bar
        dataKey="occupied"
        stackId="f"
        name={t('charts.occupied')}
        fill={COLORS.occupied}
        isAnimationActive={false}
      />
      <Bar
        dataKey="free"
        stackId="f"
        name={t('charts.free')}
        fill={COLORS.free}
        isAnimationActive={false}
      />
      <Bar
        dataKey="overflow"
        stackId="f"
        name={t('charts.overflow')}
        fill={COLORS.overflow}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

export function DocumentsChart({
  data,
  t,
  width,
  height,
}: {
  data: ChartData;
  t: TFunction;
  width: number;
  height: number;
}) {
  const d = data.documents;
  const rows = d.days.map((x) => ({ ...x, target: d.target }));
  return (
    <LineChart
      width={width}
      height={height}
      data={rows}
      margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} minTickGap={12} />
      <YAxis fontSize={11} allowDecimals={false} domain={[0, Math.max(d.target, d.received, 1)]} />
      <Tooltip labelFormatter={(x) => shortDay(String(x))} />
      <Legend />
      <Line
        type="stepAfter"
        dataKey="received"
        name={t('charts.received')}
        stroke={COLORS.received}
        dot={false}
        strokeWidth={2}
        isAnimationActive={false}
      />
      <Line
        type="linear"
        dataKey="target"
        name={t('charts.target')}
        stroke={COLORS.target}
        strokeDasharray="5 4"
        dot={false}
        isAnimationActive={false}
      />
      {d.deadlineDay && (
        <ReferenceLine
          x={d.deadlineDay}
          stroke={COLORS.overflow}
          label={{
            value: t('charts.deadline'),
            fontSize: 11,
            fill: COLORS.overflow,
            position: 'insideTopRight',
          }}
        />
      )}
    </LineChart>
  );
}

export function PrivilegeChart({
  data,
  lang,
  width,
  height,
}: {
  data: ChartData;
  lang: Language;
  width: number;
  height: number;
}) {
  const slices = data.privileges.slices.map((s) => ({
    name: labelOf(PRIVILEGE_CATEGORY, s.category, lang),
    value: s.total,
  }));
  return (
    <PieChart width={width} height={height}>
      <Pie
        data={slices}
        dataKey="value"
        nameKey="name"
        cx="50%"
        cy="50%"
        outerRadius={Math.min(width, height) / 2 - 30}
        label
        isAnimationActive={false}
      >
        {slices.map((_, i) => (
          <Cell key={i} fill={PIE[i % PIE.length]} />
        ))}
      </Pie>
      <Tooltip />
      <Legend />
    </PieChart>
  );
}

export function OverflowChart({
  schools,
  t,
  width,
  height,
}: {
  schools: ChartData['overflow']['schools'];
  t: TFunction;
  width: number;
  height: number;
}) {
  const rows = schools.map((s) => ({ ...s, label: shortName(s.name) }));
  return (
    <BarChart
      layout="vertical"
      width={width}
      height={height}
      data={rows}
      margin={{ top: 8, right: 12, bottom: 4, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" fontSize={11} allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={150} fontSize={10} interval={0} />
      <Tooltip />
      <Bar
        dataKey="overflow"
        name={t('charts.overflow')}
        fill={COLORS.overflow}
        isAnimationActive={false}
      />
    </BarChart>
  );
}
