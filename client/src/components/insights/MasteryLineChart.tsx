// Loaded lazily (React.lazy in LazyCharts), like SkillBarChart.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { LINE_STYLES } from './chartStyle';

export interface MasteryLineSeries {
  name: string;
  points: { time: number; pKnown: number }[];
}

export interface MasteryLineChartProps {
  series: MasteryLineSeries[];
  threshold: number;
  formatPercent: (value: number) => string;
  formatTime: (time: number) => string;
}

/** p(known) after each answer, one line per skill; the table beside it carries the same data. */
export default function MasteryLineChart({ series, threshold, formatPercent, formatTime }: MasteryLineChartProps) {
  return (
    <LineChart
      responsive
      style={{ width: '100%', height: 280 }}
      margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#c4ccc9" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={formatTime}
        tick={{ fill: '#1c2321', fontSize: 12 }}
        allowDuplicatedCategory={false}
      />
      <YAxis domain={[0, 1]} tickFormatter={formatPercent} width={48} tick={{ fill: '#1c2321', fontSize: 12 }} />
      <ReferenceLine y={threshold} stroke="#1c2321" strokeDasharray="4 4" />
      <Legend wrapperStyle={{ color: '#1c2321', fontSize: 13 }} />
      {series.map((s, index) => {
        const style = LINE_STYLES[index % LINE_STYLES.length]!;
        return (
          <Line
            key={s.name}
            data={s.points}
            dataKey="pKnown"
            name={s.name}
            stroke={style.color}
            strokeWidth={2}
            strokeDasharray={style.dash}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        );
      })}
    </LineChart>
  );
}
