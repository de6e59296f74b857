// The pieces every org-file step is built from: references to objects that may not exist yet (a
// group the same plan creates), resolved when the step runs from the id its create step recorded,
// and a builder that collects steps and plan-time problems.
import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../../api';
import type { ChangeKind, Plan, PlanStep } from '../plan';
import type { StoreEffect } from '../store';

/**
 * An object a step acts on. `id` when it exists now; otherwise `key` names the id its create step
 * records in the plan's registry when it runs, and `lookup` finds one the API creates by itself (a
 * new project's rate limits and predefined roles). `label` is what the plan shows in its place.
 */
export interface Ref {
  label: string;
  id?: string;
  key?: string;
  lookup?: (client: AdminClient, signal: AbortSignal, resolve: (ref: Ref) => Promise<string>) => Promise<string | undefined>;
}

export const known = (id: string, label: string): Ref => ({ id, label });

/** How a reference reads in a plan's call: the id, or `{new group “Platform”}`. */
export function show(ref: Ref): string {
  return ref.id ?? `{${ref.label}}`;
}

/** Ids of objects created while the plan runs, filled by their create steps, read by the steps after them. */
export class IdRegistry {
  private readonly ids = new Map<string, string>();

  set(key: string, id: string): void {
    this.ids.set(key, id);
  }

  async resolve(ref: Ref, client: AdminClient, signal: AbortSignal): Promise<string> {
    if (ref.id) return ref.id;
    const recorded = ref.key ? this.ids.get(ref.key) : undefined;
    if (recorded) return recorded;
    const found = await ref.lookup?.(client, signal, (other) => this.resolve(other, client, signal));
    if (found) {
      if (ref.key) this.ids.set(ref.key, found);
      return found;
    }
    throw new Error(l10n.t('{0} does not exist (the step that creates it did not run)', ref.label));
  }
}

export interface RunContext {
  client: AdminClient;
  signal: AbortSignal;
  /** The id of a referenced object (throws when it does not exist yet). */
  id(ref: Ref): Promise<string>;
  /** Records the id of an object this step created, for the steps after it. */
  created(key: string, id: string): void;
}

export interface StepSpec {
  /** Parts of the step's id; joined, each percent-encoded, so names with separators cannot collide. */
  id: [kind: string, ...parts: string[]];
  group: string;
  change: ChangeKind;
  title: string;
  call: string;
  /** Prerequisite step ids; undefined entries (nothing to wait for) are dropped. */
  after?: (string | undefined)[];
  run(ctx: RunContext): Promise<StoreEffect[]>;
  goneEffects?: StoreEffect[];
}

/** 'POST /organization/groups {"name":"Platform"}' */
export function callText(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): string {
  return body === undefined ? `${method} ${path}` : `${method} ${path} ${JSON.stringify(body)}`;
}

export class PlanBuilder {
  readonly steps: PlanStep[] = [];
  readonly warnings: string[] = [];
  readonly registry = new IdRegistry();
  private readonly ids = new Set<string>();

  /** Adds a step; its id. */
  add(spec: StepSpec): string {
    const [kind, ...parts] = spec.id;
    let id = parts.length ? `${kind}:${parts.map(encodeURIComponent).join('/')}` : kind;
    // The file's names are unique per scope (the parser checks), so this only guards a file it did not check.
    for (let n = 2; this.ids.has(id); n++) id = `${id}#${n}`;
    this.ids.add(id);
    const after = (spec.after ?? []).filter((a): a is string => a !== undefined);
    const registry = this.registry;
    this.steps.push({
      id,
      group: spec.group,
      change: spec.change,
      title: spec.title,
      call: spec.call,
      ...(after.length ? { after: [...new Set(after)] } : {}),
      run: (client, signal) => spec.run({
        client,
        signal,
        id: (ref) => registry.resolve(ref, client, signal),
        created: (key, createdId) => registry.set(key, createdId),
      }),
      ...(spec.goneEffects ? { goneEffects: spec.goneEffects } : {}),
    });
    return id;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  plan(title: string): Plan & { warnings: string[] } {
    return { title, steps: this.steps, warnings: this.warnings };
  }
}

/** A lookup that reads once per plan run and is shared by every step that needs it (a failed read is tried again). */
export function sharedLookup<A extends unknown[], T>(read: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (...args) => {
    pending ??= read(...args).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
