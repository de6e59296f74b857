// The eleven usage endpoints and costs: bucket window, paging (`page` = previous `next_page`),
// group_by and filters, then aggregation in usage/aggregate.ts.
import { Buffer } from 'node:buffer';
import { badRequest } from '../errors';
import type { Query } from '../query';
import type { FakeState } from '../state';
import { costBuckets, usageBuckets, WIDTH_SECONDS, type BucketWindow, type CostGroupField, type Width } from '../usage/aggregate';
import { USAGE_KINDS, type KindSpec } from '../usage/kinds';
import { streamSetOf, type Stream } from '../usage/streams';
import type { RouteDef } from './types';

const BUCKET_LIMITS: Record<Width, { default: number; max: number }> = {
  '1d': { default: 7, max: 31 },
  '1h': { default: 24, max: 168 },
  '1m': { default: 60, max: 1440 },
};
const COST_LIMIT = { default: 7, max: 180 };

function encodePage(start: number): string {
  return `page_${Buffer.from(JSON.stringify({ v: 1, t: start })).toString('base64url')}`;
}

function decodePage(raw: string): number {
  try {
    if (raw.startsWith('page_')) {
      const parsed = JSON.parse(Buffer.from(raw.slice(5), 'base64url').toString('utf8')) as { v?: number; t?: unknown };
      if (parsed.v === 1 && typeof parsed.t === 'number' && Number.isInteger(parsed.t)) return parsed.t;
    }
  } catch {
    // reported below
  }
  throw badRequest(`Invalid 'page': '${raw}' is not a page cursor returned by this endpoint (use the previous response's 'next_page').`, 'page', 'invalid_cursor');
}

interface Page {
  win: BucketWindow;
  hasMore: boolean;
  nextPage: string | null;
}

/** Parses start/end/width/limit/page into the window of buckets this response covers. */
function pageWindow(state: FakeState, q: Query, widths: readonly Width[], limits: (w: Width) => { default: number; max: number }): Page {
  const startTime = q.int('start_time', { required: true, min: 0 })!;
  const endTime = q.int('end_time', { min: 0 });
  if (endTime !== undefined && endTime <= startTime) throw badRequest("Invalid 'end_time': must be greater than 'start_time'.", 'end_time', 'invalid_value');
  const width = q.oneOf('bucket_width', widths, '1d')!;
  const lim = limits(width);
  const limit = q.int('limit', { default: lim.default, min: 1, max: lim.max })!;
  const w = WIDTH_SECONDS[width];
  const now = state.now();
  const aligned = Math.floor(startTime / w) * w;
  const end = endTime ?? now;
  const pageRaw = q.string('page');
  const from = pageRaw ? decodePage(pageRaw) : aligned;
  if (pageRaw && (from < aligned || (from - aligned) % w !== 0)) throw badRequest("Invalid 'page': it does not belong to this query's time range.", 'page', 'invalid_cursor');
  const remaining = Math.max(0, Math.ceil((end - from) / w));
  const count = Math.min(limit, remaining);
  const hasMore = remaining > count;
  return { win: { start: from, width, count, now }, hasMore, nextPage: hasMore ? encodePage(from + count * w) : null };
}

function uniq<T>(values: T[] | undefined): T[] {
  return values ? [...new Set(values)] : [];
}

/** Stream predicate from the endpoint's filter parameters. */
function streamFilter(spec: KindSpec, q: Query): (s: Stream) => boolean {
  const checks: ((s: Stream) => boolean)[] = [];
  for (const f of spec.filters) {
    if (f.bool) {
      const b = q.bool(f.param);
      if (b !== undefined) checks.push((s) => s[f.field] === b);
      continue;
    }
    const values = f.values ? q.enumArray(f.param, f.values) : q.array(f.param);
    if (values) {
      const set = new Set<unknown>(values);
      checks.push((s) => set.has(s[f.field]));
    }
  }
  return (s) => checks.every((c) => c(s));
}

function usageRoute(spec: KindSpec): RouteDef {
  return {
    method: 'GET',
    path: spec.path,
    operationId: spec.operationId,
    handler: ({ state, query }) => {
      const page = pageWindow(state, query, ['1m', '1h', '1d'], (w) => BUCKET_LIMITS[w]);
      const groupBy = uniq(query.enumArray('group_by', spec.groupBy));
      const keep = streamFilter(spec, query);
      const set = streamSetOf(state);
      const streams = (set.byKind.get(spec.kind) ?? []).filter(keep);
      return { object: 'page' as const, data: usageBuckets(spec, streams, page.win, groupBy, set.days, state.seed), has_more: page.hasMore, next_page: page.nextPage };
    },
  };
}

const costsRoute: RouteDef = {
  method: 'GET',
  path: '/organization/costs',
  operationId: 'usage-costs',
  handler: ({ state, query }) => {
    const page = pageWindow(state, query, ['1d'], () => COST_LIMIT);
    const groupBy = uniq(query.enumArray('group_by', ['project_id', 'user_id', 'line_item', 'api_key_id', 'api_source'] as const satisfies readonly CostGroupField[]));
    const projects = query.array('project_ids');
    const keys = query.array('api_key_ids');
    const lineItems = query.array('line_items');
    const set = streamSetOf(state);
    const streams = [...set.byKind.values()].flat().filter((s) => (!projects || projects.includes(s.project_id)) && (!keys || (s.api_key_id !== null && keys.includes(s.api_key_id))));
    return { object: 'page' as const, data: costBuckets(streams, page.win, groupBy, set.days, lineItems && new Set(lineItems), state.costSpikes), has_more: page.hasMore, next_page: page.nextPage };
  },
};

export const usageRoutes: RouteDef[] = [...USAGE_KINDS.map(usageRoute), costsRoute];
