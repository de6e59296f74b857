// The chart: Chart.js with only the pieces used (bar and line charts on a category and a linear
// scale, with tooltips; no Chart.js legend, the panel draws its own in the DOM). Colours are read
// from the theme's --vscode-charts-* variables and re-read when the theme changes. It draws no more
// bars than fit (src/model/usage/bars.ts): more buckets than that are joined into wider bars, and a
// note under the chart says so.
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset as ChartJsDataset,
} from 'chart.js';
import { barStep, stepLabel, toBars, type Bars } from '../../src/model/usage/bars';
import type { ChartDataset, UsageView } from '../../src/model/usage/types';
import { replace } from '../shared/dom';
import { cssVar } from '../shared/theme';
import { bucketLabel, formatValue } from './format';

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
const BUCKET_NAMES = { '1m': 'one-minute', '1h': 'hourly', '1d': 'daily' } as const;

export class UsageChart {
  private chart?: Chart<'bar' | 'line', number[], string>;
  private last?: { view: UsageView; datasets: ChartDataset[]; step: number };

  /** `note` says when bars join several buckets. */
  constructor(private readonly canvas: HTMLCanvasElement, private readonly note: HTMLElement) {
    // A wider or narrower panel may fit another number of bars.
    new ResizeObserver(() => {
      if (this.last && barStep(this.last.view.buckets, this.last.view.width, this.maxBars()) !== this.last.step) this.show(this.last.view, this.last.datasets);
    }).observe(canvas.parentElement ?? canvas);
  }

  show(view: UsageView, datasets: ChartDataset[]): void {
    const metric = view.metrics.find((m) => m.key === view.selection.metric)!;
    const bars = toBars(view.buckets, view.width, datasets.map((d) => d.values), this.maxBars(), metric.aggregate);
    this.last = { view, datasets, step: bars.step };
    const config = this.config(view, datasets, bars);
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
    replace(this.note, bars.step === 1 ? '' : `Each bar covers ${stepLabel(view.width, bars.step)}: ${metric.aggregate === 'peak' ? 'the highest' : 'the sum'} of ${bars.step} ${BUCKET_NAMES[view.width]} buckets, so the chart fits the panel. The table and the exports keep every bucket.`);
  }

  /** New names for the same datasets: only the labels (tooltips) change, so nothing is redrawn. */
  relabel(datasets: ChartDataset[]): void {
    if (!this.last || !this.chart) return;
    this.last = { ...this.last, datasets };
    const shown = this.chart.data.datasets;
    datasets.forEach((d, i) => { if (shown[i]) shown[i]!.label = d.label; });
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
    if (this.last) this.show(this.last.view, this.last.datasets);
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
              label: (item) => ` ${item.dataset.label}: ${formatValue(metric, Number(item.raw), currency)}`,
            },
            titleFont: font,
            bodyFont: font,
          },
        },
      },
    };
  }
}
