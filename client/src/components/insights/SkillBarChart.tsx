// Loaded lazily (React.lazy in LazyCharts): recharts stays out of the main bundle, so the
// student panel doesn't download it.
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import { CHART_COLORS } from './chartStyle';

export interface SkillBarDatum {
  name: string;
  mastered: number;
  learning: number;
  notStarted: number;
}

export interface SkillBarChartProps {
  data: SkillBarDatum[];
  labels: { mastered: string; learning: string; notStarted: string };
}

const shorten = (max: number) => (text: string) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Students per skill and status, stacked; a picture of the table beside it (which carries the data). */
export default function SkillBarChart({ data, labels }: SkillBarChartProps) {
  // In a phone-width frame the names get less room, so the bars keep some.
  const narrow = window.innerWidth < 480;
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height: 56 + data.length * 40 }}
      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      // The chart is a picture inside role="img"; keyboard and screen readers use the table.
      accessibilityLayer={false}
    >
      <CartesianGrid horizontal={false} stroke="#c4ccc9" />
      <XAxis type="number" allowDecimals={false} tick={{ fill: '#1c2321', fontSize: 12 }} />
      <YAxis
        type="category"
        dataKey="name"
        width={narrow ? 96 : 150}
        tick={{ fill: '#1c2321', fontSize: 12 }}
        tickFormatter={shorten(narrow ? 14 : 22)}
      />
      <Legend wrapperStyle={{ color: '#1c2321', fontSize: 13 }} />
      <Bar dataKey="mastered" name={labels.mastered} stackId="students" fill={CHART_COLORS.mastered} isAnimationActive={false} />
      <Bar dataKey="learning" name={labels.learning} stackId="students" fill={CHART_COLORS.learning} isAnimationActive={false} />
      <Bar dataKey="notStarted" name={labels.notStarted} stackId="students" fill={CHART_COLORS.notStarted} isAnimationActive={false} />
    </BarChart>
  );
}
