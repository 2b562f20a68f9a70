// Thin wrappers over recharts in the house style: Dutch number ticks, calm colours, a
// legend with names (colour is never the only cue) and a fixed height so layout is stable.
import {
  Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';
import { formatCount } from '../../shared/format/index';

export const PALETTE = ['#154273', '#e17000', '#39870c', '#a90061', '#007bc7', '#673327', '#8fcae7', '#42145f', '#ca005d', '#777c00', '#94710a'];

export interface Series {
  key: string;
  label: string;
}

type Datum = Record<string, string | number | null>;

interface ChartProps {
  data: Datum[];
  xKey: string;
  series: readonly Series[];
  height?: number;
  stacked?: boolean;
  xFormatter?: (value: string) => string;
  /** Dashed strokes per series so lines differ by more than colour. */
}

const numberTick = (value: number) => formatCount(value);
const tooltipValue = (value: unknown) => (typeof value === 'number' ? formatCount(value) : String(value ?? ''));

/**
 * The grid, axes, tooltip and legend every chart has, as an array of children (not a
 * component: recharts finds its parts among the chart's direct children).
 */
function frame(xKey: string, xFormatter: ((value: string) => string) | undefined) {
  return [
    <CartesianGrid key="grid" stroke="#e6e6e6" vertical={false} />,
    <XAxis key="x" dataKey={xKey} tickFormatter={xFormatter} tick={{ fill: '#333', fontSize: 12 }} />,
    <YAxis key="y" tickFormatter={numberTick} tick={{ fill: '#333', fontSize: 12 }} width={64} />,
    <Tooltip key="tooltip" formatter={tooltipValue} labelFormatter={(label) => (xFormatter ? xFormatter(String(label)) : String(label))} />,
    <Legend key="legend" itemSorter={null} />,
  ];
}

export function BarSeriesChart({ data, xKey, series, height = 300, stacked = false, xFormatter }: ChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        {frame(xKey, xFormatter)}
        {series.map((s, index) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={PALETTE[index % PALETTE.length]} stackId={stacked ? 'stack' : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

const DASHES = ['', '6 3', '2 3', '10 4 2 4'];

export function LineSeriesChart({ data, xKey, series, height = 300, xFormatter }: ChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        {frame(xKey, xFormatter)}
        {series.map((s, index) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.label}
            stroke={PALETTE[index % PALETTE.length]}
            strokeWidth={2}
            strokeDasharray={DASHES[index % DASHES.length]}
            dot={data.length > 40 ? false : { r: 3 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
