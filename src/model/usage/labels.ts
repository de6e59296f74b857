// Display names for the ids usage is grouped by, applied to a dashboard load after it is drawn: the
// chart first shows ids, and names follow when the org store has them (BENCHMARKS.md fig. 5 budgets
// the first chart, which must not wait for the names). Pure and type-only imports, so the webview
// (media/usage) applies the same names to the copy it holds.
import type { DashboardData, Series } from './types';

/** The group fields whose values are ids of organization objects. */
export const NAMED_FIELDS = ['project_id', 'user_id', 'api_key_id'] as const;
export type NamedField = (typeof NAMED_FIELDS)[number];

/** Field → id → the text shown for it (a name, or "deleted key key_…" when the id is gone). */
export type NameTable = Partial<Record<NamedField, Record<string, string>>>;

/** The ids a load shows, per field, and the project of each key where the view grouped by both. */
export interface UsageIds {
  project_id: string[];
  user_id: string[];
  api_key_id: string[];
  keyProjects: Record<string, string>;
}

const isNamed = (field: string): field is NamedField => (NAMED_FIELDS as readonly string[]).includes(field);

export function idsOf(data: DashboardData): UsageIds {
  const sets = { project_id: new Set<string>(), user_id: new Set<string>(), api_key_id: new Set<string>() };
  const keyProjects: Record<string, string> = {};
  for (const s of data.view.series) {
    for (const [field, value] of Object.entries(s.group)) if (value && isNamed(field)) sets[field].add(value);
    const key = s.group.api_key_id;
    const project = s.group.project_id;
    if (key && project) keyProjects[key] = project;
  }
  for (const p of data.summary.cost?.topProjects ?? []) {
    const id = p.group?.project_id;
    if (id) sets.project_id.add(id);
  }
  for (const a of data.insights?.anomalies ?? []) if (a.projectId) sets.project_id.add(a.projectId);
  return { project_id: [...sets.project_id], user_id: [...sets.user_id], api_key_id: [...sets.api_key_id], keyProjects };
}

/** Merges `next` into `into` (later names win: a rename replaces the old text). */
export function mergeNames(into: NameTable, next: NameTable): NameTable {
  for (const field of NAMED_FIELDS) {
    const names = next[field];
    if (names) into[field] = { ...into[field], ...names };
  }
  return into;
}

/**
 * A copy of `data` showing the names in `table`: each series' names and label, the chart's
 * labels, the summary's top projects and the anomalies' projects. Ids the table does not name keep what they showed.
 */
export function withNames(data: DashboardData, table: NameTable): DashboardData {
  const fields = data.view.groupFields.map((g) => g.field);
  const series = data.view.series.map((s): Series => {
    let names: Record<string, string> | undefined;
    for (const field of fields) {
      const value = s.group[field];
      const text = value && isNamed(field) ? table[field]?.[value] : undefined;
      if (text !== undefined && text !== s.names[field]) (names ??= { ...s.names })[field] = text;
    }
    return names ? { ...s, names, label: fields.map((f) => names![f]).join(' · ') } : s;
  });
  const labels = new Map(series.map((s) => [s.key, s.label]));
  const cost = data.summary.cost;
  const insights = data.insights;
  return {
    ...data,
    ...(insights ? {
      insights: {
        ...insights,
        anomalies: insights.anomalies.map((a) => {
          const text = a.projectId ? table.project_id?.[a.projectId] : undefined;
          return text === undefined ? a : { ...a, label: text };
        }),
      },
    } : {}),
    view: { ...data.view, series },
    chart: data.chart.map((d) => (d.other ? d : { ...d, label: labels.get(d.key) ?? d.label })),
    summary: {
      ...data.summary,
      cost: cost && {
        ...cost,
        topProjects: cost.topProjects.map((p) => {
          const id = p.group?.project_id;
          const text = id ? table.project_id?.[id] : undefined;
          return text === undefined ? p : { ...p, label: text };
        }),
      },
    },
  };
}
