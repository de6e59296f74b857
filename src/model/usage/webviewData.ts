// What the panel's webview gets of a dashboard load. Each series' per-bucket values for every metric
// (10 groups × 7 metrics × 1,440 one-minute buckets is about 100,000 numbers) stay on the host,
// where the exports use them: the webview draws the chart from `chart` and the table from totals.
import type { DashboardData } from './types';

export function webviewData(data: DashboardData): DashboardData {
  return { ...data, view: { ...data.view, series: data.view.series.map((s) => ({ ...s, values: {} })) } };
}
