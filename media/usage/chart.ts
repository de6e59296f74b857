// The chart: Chart.js with only the pieces used (bar and line charts on a category and a linear
// scale, with tooltips; no Chart.js legend, the panel draws its own in the DOM). Colours are read
// from the theme's --vscode-charts-* variables and re-read when the theme changes.
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset as ChartJsDataset,
} from 'chart.js';
import type { ChartDataset, UsageView } from '../../src/model/usage/types';
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

export class UsageChart {
  private chart?: Chart<'bar' | 'line', number[], string>;
  private last?: { view: UsageView; datasets: ChartDataset[] };

  constructor(private readonly canvas: HTMLCanvasElement) {}

  show(view: UsageView, datasets: ChartDataset[]): void {
    this.last = { view, datasets };
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, this.config(view, datasets));
  }

  /** Repaints with the current theme's colours and font. */
  refreshTheme(): void {
    if (this.last) this.show(this.last.view, this.last.datasets);
  }

  private config(view: UsageView, datasets: ChartDataset[]): ChartConfiguration<'bar' | 'line', number[], string> {
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
        data: d.values,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        pointRadius: line && view.buckets.length <= 60 ? 2 : 0,
        tension: 0.2,
        stack: line ? undefined : 'all',
      } as ChartJsDataset<'bar' | 'line', number[]>;
    });
    return {
      type: line ? 'line' : 'bar',
      data: { labels: view.buckets.map((t) => bucketLabel(t, view.width)), datasets: data },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        color: foreground,
        font,
        scales: {
          x: { stacked: !line, grid: { display: false }, border: { color: grid }, ticks: { color: foreground, font, maxRotation: 0, autoSkipPadding: 16 } },
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
            callbacks: { label: (item) => ` ${item.dataset.label}: ${formatValue(metric, Number(item.raw), currency)}` },
            titleFont: font,
            bodyFont: font,
          },
        },
      },
    };
  }
}
