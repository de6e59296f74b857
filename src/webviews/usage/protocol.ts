// The usage panel's messages, shared by the host (src/webviews/usage/panel.ts) and the front end
// (media/usage/main.ts). Types only.
import type { NameTable } from '../../model/usage/labels';
import type { OrganizationChoice } from '../../model/usage/organizations';
import type { DashboardData, FilterOption, KindInfo, Selection } from '../../model/usage/types';

export const USAGE_VIEW_TYPE = 'openaiAdmin.usage';

export type ExportFormat = 'csv' | 'json';

export interface UsageInit {
  catalogue: KindInfo[];
  selection: Selection;
  /** The host's clock (unix seconds), so range limits match what the host will fetch. */
  now: number;
  /** The connected organizations, in tree order; with more than one the panel offers each and "All organizations". */
  organizations: OrganizationChoice[];
}

/** Requests the webview sends. */
export type UsageMethods = {
  /** `state` is what the webview saved with setState (after a reload), if anything. */
  init(params: { state?: unknown }): UsageInit;
  load(params: { selection: Selection; fresh?: boolean }): Promise<DashboardData>;
  filterOptions(params: { selection: Selection }): Promise<{ options: Record<string, FilterOption[]>; warnings: string[] }>;
  export(params: { format: ExportFormat }): Promise<{ saved: boolean }>;
};

/**
 * Events the host sends: apply a selection (e.g. "open pre-filtered to this project", "this
 * organization's month"); the connected organizations changed (one added, removed or renamed, or a
 * key changed: everything cached was dropped, reload from the API); names for ids on screen, sent
 * after the load that showed them and whenever the org store changes one (labels only; `warnings`
 * name lists that could not be read).
 */
export type UsageHostEvents = {
  select: Partial<Selection>;
  organizations: OrganizationChoice[];
  names: { names: NameTable; warnings: string[] };
};

/** What the webview reports after each render, as text it put on screen (tests and diagnostics). */
export interface RenderedReport {
  selection: Selection;
  status: 'data' | 'empty' | 'error';
  error?: string;
  /** The message line above the chart (warnings, e.g. an organization that could not be read), '' when none. */
  message: string;
  legend: string[];
  tableHead: string[];
  tableRows: string[][];
  summary: string[];
  /** Costs by day: the chart key, the forecast sentence and the anomaly table's caption (or "No anomalies…"). */
  insights: string[];
  /** The anomaly table's rows: project, day, cost, median, factor. */
  anomalyRows: string[][];
  /** Content-Security-Policy violations seen since the page loaded ("directive blocked-uri"); none expected. */
  cspViolations: string[];
}

/** Events the webview sends. */
export type UsageWebviewEvents = {
  rendered: RenderedReport;
};

/** The state the webview keeps with setState, restored after a window reload. */
export interface UsageState {
  selection: Selection;
}
