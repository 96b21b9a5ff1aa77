import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { MasteryLineChartProps } from './MasteryLineChart';
import type { SkillBarChartProps } from './SkillBarChart';

// recharts is a big library only teachers need: it loads with the first chart, in its own chunk.
const SkillBarChartImpl = lazy(() => import('./SkillBarChart'));
const MasteryLineChartImpl = lazy(() => import('./MasteryLineChart'));

/** A chart that failed to load (or draw) leaves a sentence, not a broken page: the table has the data. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** A chart as one picture with a summary name (role="img"); the data is always in a table next to it. */
function ChartFrame({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  return (
    <ChartBoundary fallback={<p className="status">{t('insights.chart.failed')}</p>}>
      <div className="insights-chart" role="img" aria-label={label}>
        <Suspense fallback={<p className="status">{t('insights.chart.loading')}</p>}>{children}</Suspense>
      </div>
    </ChartBoundary>
  );
}

export function SkillBarChart({ label, ...props }: SkillBarChartProps & { label: string }) {
  return (
    <ChartFrame label={label}>
      <SkillBarChartImpl {...props} />
    </ChartFrame>
  );
}

export function MasteryLineChart({ label, ...props }: MasteryLineChartProps & { label: string }) {
  return (
    <ChartFrame label={label}>
      <MasteryLineChartImpl {...props} />
    </ChartFrame>
  );
}
