// The chart: Chart.js with only the pieces used (bar and line charts on a category and a linear
// scale, with tooltips; no Chart.js legend, the panel draws its own in the DOM). Colours are read
// from the theme's --vscode-charts-* variables and re-read when the theme changes. It draws no more
// bars than fit (src/model/usage/bars.ts): more buckets than that are joined into wider bars, and a
// note under the chart says so.
import * as l10n from '@vscode/l10n';
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset as ChartJsDataset,
} from 'chart.js';
import { barStep, stepLabel, toBars, type Bars } from '../../src/model/usage/bars';
import type { ChartDataset, CostInsights, UsageView } from '../../src/model/usage/types';
import { replace } from '../shared/dom';
import { cssVar } from '../shared/theme';
import { bucketLabel, factorText, formatValue } from './format';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

const PALETTE_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const FALLBACKS = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];

/** `#rgb`, `#rrggbb` or `#rrggbbaa` at another opacity; other notations are left as they are. */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color)?.[1];
  if (!hex) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The colour of the i-th dataset: six theme colours, then the same six lighter; "Other" is neutral. */
export function seriesColour(i: number, other = false): string {
  if (other) return withAlpha(cssVar('--vscode-descriptionForeground', '#8b8b8b'), 0.55);
  const base = cssVar(PALETTE_VARS[i % PALETTE_VARS.length]!, FALLBACKS[i % FALLBACKS.length]);
  return i < PALETTE_VARS.length ? base : withAlpha(base, 0.5);
}

/** A bar needs a few pixels to be seen and hovered. */
const MIN_BAR_PX = 4;

/** The note under a chart whose bars join `step` buckets each (whole sentences, one per case, for translations). */
function joinedNote(width: UsageView['width'], step: number, peak: boolean): string {
  const covers = stepLabel(width, step);
  if (peak) {
    if (width === '1m') return l10n.t('Each bar covers {0}: the highest of {1} one-minute buckets, so the chart fits the panel. The table and the exports keep every bucket.', covers, step);
    if (width === '1h') return l10n.t('Each bar covers {0}: the highest of {1} hourly buckets, so the chart fits the panel. The table and the exports keep every bucket.', covers, step);
    return l10n.t('Each bar covers {0}: the highest of {1} daily buckets, so the chart fits the panel. The table and the exports keep every bucket.', covers, step);
  }
  if (width === '1m') return l10n.t('Each bar covers {0}: the sum of {1} one-minute buckets, so the chart fits the panel. The table and the exports keep every bucket.', covers, step);
  if (width === '1h') return l10n.t('Each bar covers {0}: the sum of {1} hourly buckets, so the chart fits the panel. The table and the exports keep every bucket.', covers, step);
  return l10n.t('Each bar covers {0}: the sum of {1} daily buckets, so the chart fits the panel. The table and the exports keep every bucket.', covers, step);
}

export class UsageChart {
  private chart?: Chart<'bar' | 'line', number[], string>;
  private last?: { view: UsageView; datasets: ChartDataset[]; step: number; insights?: CostInsights };

  /** `note` says when bars join several buckets. */
  constructor(private readonly canvas: HTMLCanvasElement, private readonly note: HTMLElement) {
    // A wider or narrower panel may fit another number of bars.
    new ResizeObserver(() => {
      if (this.last && barStep(this.last.view.buckets, this.last.view.width, this.maxBars()) !== this.last.step) this.show(this.last.view, this.last.datasets, this.last.insights);
    }).observe(canvas.parentElement ?? canvas);
  }

  /** `insights` (costs by day): anomaly markers, and the month's cost, forecast and spend limit on a right-hand axis. */
  show(view: UsageView, datasets: ChartDataset[], insights?: CostInsights): void {
    const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
    const bars = toBars(view.buckets, view.width, datasets.map((d) => d.values), this.maxBars(), metric.aggregate);
    this.last = { view, datasets, step: bars.step, insights };
    const config = this.config(view, datasets, bars);
    if (insights) addInsights(config, view, bars, insights);
    // Updating the chart in place skips re-creating its canvas, scales and plugins.
    if (this.chart && (this.chart.config as { type?: string }).type === config.type) {
      this.chart.data = config.data;
      this.chart.options = config.options!;
      this.chart.update('none');
    } else {
      this.chart?.destroy();
      this.chart = new Chart(this.canvas, config);
    }
    this.canvas.style.visibility = '';
    this.note.hidden = bars.step === 1;
    replace(this.note, bars.step === 1 ? '' : joinedNote(view.width, bars.step, metric.aggregate === 'peak'));
  }

  /** New names for the same datasets: only the labels (tooltips) change, so nothing is redrawn. */
  relabel(datasets: ChartDataset[]): void {
    if (!this.last || !this.chart) return;
    this.last = { ...this.last, datasets };
    const shown = this.chart.data.datasets;
    datasets.forEach((d, i) => { if (shown[i]) shown[i]!.label = d.label; });
  }

  /** New names for the anomalies' projects: the markers' tooltips read them from here. */
  relabelInsights(insights: CostInsights | undefined): void {
    if (this.last && insights) this.last = { ...this.last, insights };
    const marks = this.chart?.data.datasets.find((d) => (d as { id?: string }).id === ANOMALY_ID) as { anomalyText?: Map<number, string> } | undefined;
    if (marks && insights && this.last) marks.anomalyText = anomalyTexts(this.last.view, this.last.step, insights);
  }

  /**
   * Creates the chart, still empty and unseen, while the panel waits for its first data: in a
   * freshly loaded webview, compiling Chart.js and sizing the canvas cost more than drawing the
   * bars, and this way they overlap with the host's requests instead of following them.
   */
  warmUp(): void {
    if (this.chart) return;
    // A stacked chart about as large as a real one, drawn off screen, gets its code optimized too.
    const scratch = document.createElement('canvas');
    scratch.width = 600;
    scratch.height = 200;
    const labels = Array.from({ length: 150 }, (_, i) => String(i));
    new Chart(scratch, {
      type: 'bar',
      data: { labels, datasets: Array.from({ length: 10 }, (_, d) => ({ label: String(d), data: labels.map((_, i) => (i * (d + 3)) % 7), stack: 'all', borderWidth: 0 })) },
      options: { animation: false, responsive: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }).destroy();
    this.canvas.style.visibility = 'hidden';
    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
  }

  private maxBars(): number {
    const width = (this.canvas.parentElement ?? this.canvas).clientWidth || 1_000;
    return Math.max(12, Math.floor(width / MIN_BAR_PX));
  }

  /** Repaints with the current theme's colours and font. */
  refreshTheme(): void {
    if (this.last) this.show(this.last.view, this.last.datasets, this.last.insights);
  }

  private config(view: UsageView, datasets: ChartDataset[], bars: Bars): ChartConfiguration<'bar' | 'line', number[], string> {
    const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
    const currency = view.currencies[0]?.currency;
    const line = view.selection.chart === 'line';
    const foreground = cssVar('--vscode-descriptionForeground', cssVar('--vscode-foreground', '#888'));
    const grid = withAlpha(cssVar('--vscode-charts-lines', '#80808059'), 0.35);
    const font = { family: cssVar('--vscode-font-family', 'sans-serif'), size: Number.parseFloat(cssVar('--vscode-font-size', '13')) - 1 || 12 };
    const data: ChartJsDataset<'bar' | 'line', number[]>[] = datasets.map((d, i) => {
      const colour = seriesColour(i, d.other);
      return {
        type: line ? 'line' : 'bar',
        label: d.label,
        data: bars.values[i]!,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        pointRadius: line && bars.starts.length <= 60 ? 2 : 0,
        tension: 0.2,
        stack: line ? undefined : 'all',
      } as ChartJsDataset<'bar' | 'line', number[]>;
    });
    return {
      type: line ? 'line' : 'bar',
      data: { labels: bars.starts.map((t) => bucketLabel(t, view.width)), datasets: data },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        color: foreground,
        font,
        scales: {
          x: {
            stacked: !line,
            grid: { display: false },
            border: { color: grid },
            // A few labels are enough to space them (all are times or dates in one format); measuring
            // every one was the largest part of drawing a day by the minute.
            ticks: { color: foreground, font, maxRotation: 0, autoSkipPadding: 16, sampleSize: 24 },
          },
          y: {
            stacked: !line,
            beginAtZero: true,
            grid: { color: grid },
            border: { display: false },
            ticks: { color: foreground, font, callback: (v) => formatValue(metric, Number(v), currency, 'axis') },
          },
        },
        plugins: {
          tooltip: {
            // Canvas text: a hostile group name is drawn, never parsed.
            filter: (item) => Number(item.raw) !== 0,
            itemSort: (a, b) => Number(b.raw) - Number(a.raw),
            callbacks: {
              title: (items) => {
                const i = items[0]?.dataIndex;
                if (i === undefined) return '';
                return bars.step === 1 ? bucketLabel(bars.starts[i]!, view.width) : `${bucketLabel(bars.starts[i]!, view.width)} – ${bucketLabel(bars.ends[i]!, view.width)}`;
              },
              label: (item) => {
                const text = (item.dataset as { anomalyText?: Map<number, string> }).anomalyText?.get(item.dataIndex);
                return ` ${text ?? l10n.t('{0}: {1}', item.dataset.label ?? '', formatValue(metric, Number(item.raw), currency))}`;
              },
            },
            titleFont: font,
            bodyFont: font,
          },
        },
      },
    };
  }
}

const DAY = 86_400;
const ANOMALY_ID = 'anomalies';
const COST = { unit: 'currency' as const };

/** The colours of the chart's additions (theme variables, read on every draw). */
export function insightColours(): { anomaly: string; month: string; limit: string } {
  return {
    anomaly: cssVar('--vscode-charts-red', '#f14c4c'),
    month: cssVar('--vscode-foreground', '#cccccc'),
    limit: cssVar('--vscode-editorWarning-foreground', '#cca700'),
  };
}

/** Each bar's anomaly text ("Project: $120.00, 6.0× its median"), by bar index. */
function anomalyTexts(view: UsageView, step: number, insights: CostInsights): Map<number, string> {
  const currency = view.currencies[0]?.currency;
  const out = new Map<number, string>();
  for (const a of insights.anomalies) {
    const i = Math.floor((a.day - view.buckets[0]!) / DAY / step);
    const amount = formatValue(COST, a.amount, currency, 'short');
    const text = a.factor === null
      ? l10n.t('Anomaly · {0}: {1} (usually nothing)', a.label, amount)
      : l10n.t('Anomaly · {0}: {1} ({2}× the median)', a.label, amount, factorText(a.factor));
    out.set(i, out.has(i) ? `${out.get(i)}; ${text}` : text);
  }
  return out;
}

/**
 * Adds to a daily costs chart: a triangle above each day with an anomaly (at the top of the day's
 * stack, or on the project's own line), and, when the range reaches today, the month's cost so far
 * (solid) and its forecast to the month's end (dashed) with the spend limit (dotted) on a right-hand
 * axis, since a month's total dwarfs a day's bars. Days after the range are added for the forecast.
 */
function addInsights(config: ChartConfiguration<'bar' | 'line', number[], string>, view: UsageView, bars: Bars, insights: CostInsights): void {
  if (view.width !== '1d' || !view.buckets.length) return;
  const colours = insightColours();
  const line = view.selection.chart === 'line';
  const labels = config.data.labels as string[];
  const datasets = config.data.datasets;
  const first = view.buckets[0]!;
  const barOf = (day: number) => Math.floor((day - first) / DAY / bars.step);
  const currency = view.currencies[0]?.currency;

  if (insights.anomalies.length) {
    const marks: (number | null)[] = labels.map(() => null);
    for (const a of insights.anomalies) {
      const i = barOf(a.day);
      if (i < 0 || i >= marks.length) continue;
      const own = line ? datasets.find((d) => (d as { label?: string }).label === a.label) : undefined;
      const top = line
        ? (own ? Number(own.data[i]) : Math.max(...datasets.map((d) => Number(d.data[i]) || 0)))
        : datasets.reduce((sum, d) => sum + (Number(d.data[i]) || 0), 0);
      marks[i] = Math.max(marks[i] ?? 0, top);
    }
    datasets.push({
      id: ANOMALY_ID, type: 'line', label: l10n.t('Anomaly'), data: marks as number[], showLine: false, stack: ANOMALY_ID,
      pointStyle: 'triangle', pointRadius: 7, pointHoverRadius: 9, backgroundColor: colours.anomaly, borderColor: colours.anomaly, order: -1,
      anomalyText: anomalyTexts(view, bars.step, insights),
    } as unknown as ChartJsDataset<'bar' | 'line', number[]>);
  }

  const f = insights.forecast;
  // Drawn only where each bar is a day: the month's lines are daily points.
  if (!f || bars.step !== 1) return;
  const last = view.buckets[view.buckets.length - 1]!;
  for (const d of f.days) if (d > last) labels.push(bucketLabel(d, '1d'));
  const at = (values: (number | null)[]) => {
    const out: (number | null)[] = labels.map(() => null);
    f.days.forEach((d, k) => { const i = barOf(d); if (i >= 0 && i < out.length) out[i] = values[k] ?? null; });
    return out as number[];
  };
  const common = { type: 'line' as const, yAxisID: 'y1', pointRadius: 0, borderWidth: 2, stack: 'month', spanGaps: false, order: -2 };
  datasets.push(
    { ...common, label: l10n.t('Month to date'), data: at(f.cumulative), borderColor: colours.month, backgroundColor: colours.month },
    { ...common, label: l10n.t('Forecast'), data: at(f.projected), borderColor: colours.month, backgroundColor: colours.month, borderDash: [6, 4] },
  );
  if (f.limit !== null) {
    datasets.push({ ...common, label: l10n.t('Spend limit'), data: labels.map(() => f.limit!), borderColor: colours.limit, backgroundColor: colours.limit, borderDash: [2, 3] } as ChartJsDataset<'bar' | 'line', number[]>);
  }
  const y = config.options!.scales!.y!;
  config.options!.scales!.y1 = {
    position: 'right', beginAtZero: true, stacked: false, grid: { display: false }, border: { display: false },
    suggestedMax: Math.max(f.forecast, f.limit ?? 0) * 1.05,
    ticks: { ...(y.ticks as object), callback: (v: unknown) => formatValue(COST, Number(v), currency, 'axis') },
    title: { display: true, text: l10n.t('This month'), color: (y.ticks as { color?: string }).color },
  } as never;
}
