// The Access Review's messages, shared by the host (src/webviews/accessReview/panel.ts) and the
// front end (media/accessReview/main.ts). Types only. The host keeps every row; the webview asks
// for the window of rows it shows (virtualized), so a 5,000-member organization never crosses the
// message channel whole, and a store change re-sends only that window.
import type { ReviewCoverage, ReviewKind, ReviewQuery, ReviewRow } from '../../model/review/types';

export const ACCESS_REVIEW_VIEW_TYPE = 'openaiAdmin.accessReview';

/** Where the review stands: the data's age, how much of the organization was read, whether a load runs. */
export interface ReviewStatus {
  /** Bumped whenever the rows were rebuilt; a window of an older version is stale. */
  version: number;
  /** The oldest read time of the lists used (ms since the epoch); undefined before anything was read. */
  readAt?: number;
  /** "as of 10:42" in VS Code's display language (src/model/asOf.ts). */
  asOf?: string;
  coverage: ReviewCoverage;
  /** Load Organization is running (started here or elsewhere). */
  loading: boolean;
  /** Rows in the whole review (before filters). */
  rowCount: number;
  /** The last Load Organization failure, as text. */
  error?: string;
}

export interface ReviewInit {
  status: ReviewStatus;
  /** The host's clock (ms since the epoch), for "last used 3 days ago". */
  now: number;
}

export interface ReviewWindow {
  version: number;
  /** Rows the query keeps. */
  total: number;
  start: number;
  rows: ReviewRow[];
}

/** Choices for the filters: projects by name, and the roles rows hold. */
export interface ReviewOptions {
  version: number;
  projects: Array<{ id: string; name: string }>;
}

/** At most this many rows per window request (a screen holds far fewer). */
export const MAX_WINDOW = 500;

/** Requests the webview sends. Every parameter is re-checked by the host. */
export type AccessReviewMethods = {
  init(params: { state?: unknown }): ReviewInit;
  /** The rows [start, start + count) of the query's result. */
  rows(params: { query: ReviewQuery; start: number; count: number }): ReviewWindow;
  options(params: Record<string, never>): ReviewOptions;
  /** Runs Load Organization (reads every list again). */
  refresh(params: Record<string, never>): Promise<{ started: boolean }>;
  /** Writes the query's rows (all of them, in its order) to a CSV file the admin picks. */
  exportCsv(params: { query: ReviewQuery }): Promise<{ saved: boolean }>;
  /** Shows a member or an invite in the Organization tree. */
  reveal(params: { kind: ReviewKind; id: string }): Promise<{ done: boolean }>;
  /** Opens the Project panel. */
  openProject(params: { projectId: string }): Promise<{ done: boolean }>;
};

/** Events the host sends: the rows changed (the webview asks for its window again). */
export type AccessReviewHostEvents = {
  changed: ReviewStatus;
};

/** What the webview reports after each render: the text on screen (tests and diagnostics). */
export interface AccessReviewReport {
  version: number;
  /** "as of 10:42" line and the progress text, as shown. */
  status: string[];
  /** Rows the query keeps, as the count line says. */
  total: number;
  header: string[];
  /** The column sorted by and its aria-sort. */
  sort: [string, string];
  /** The rows in the DOM (only those near the viewport), as cell text. */
  rows: string[][];
  /** How many row elements the table holds (virtualized: about a screenful). */
  rowElements: number;
  /** The selected row's details, as text lines. */
  details: string[];
  query: ReviewQuery;
  cspViolations: string[];
}

export type AccessReviewWebviewEvents = {
  rendered: AccessReviewReport;
};

/** What the webview keeps with setState: the query (never a row). */
export interface AccessReviewState {
  query: ReviewQuery;
}
