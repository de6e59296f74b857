// The Project panel's batch saves, against the API: re-read what is there now, refuse (unless told
// to overwrite) when someone else changed it since the admin loaded it, then send only what changed.
// Rate limits go row by row, each with its own result, so one refused row never blocks the others.
// No `vscode` here; the host adds confirmations, progress and tree refreshes.
import * as l10n from '@vscode/l10n';
import type { AdminClient } from '../../api';
import { describeError } from '../describeError';
import { orNotSet } from '../notSet';
import { HOSTED_TOOLS } from '../format';
import {
  describePolicy, hostedToolChanges, hostedToolConflicts, modelPolicyEdit, samePolicyState, toolState, type PolicyChoice, type PolicyState,
} from '../permissionEdits';
import { checkedBody, describeConflict, rateLimitConflicts, toRateLimitRow, type RateLimitConflict, type RateLimitRowChange } from '../rateLimitEdits';
import {
  changedFields, describeEnabled, serviceTierConflicts, serviceTierEdit, toServiceTierData, type ServiceTierField,
} from './serviceTier';
import { tierName } from '../serviceTier';
import type { HostedToolsData, RateLimitRow, ServiceTierData } from './types';

export type RowResult =
  | { id: string; model: string; ok: true; row: RateLimitRow }
  | { id: string; model: string; ok: false; error: string };

export type RateLimitSave =
  | { status: 'conflict'; conflicts: RateLimitConflict[]; messages: string[]; current: RateLimitRow[] }
  | { status: 'saved'; results: RowResult[] };

/** The rows the panel asks to save, as received: shape-checked here, values re-checked per row. */
export function readChanges(value: unknown): RateLimitRowChange[] {
  if (!Array.isArray(value)) throw new TypeError('Expected a list of rate-limit changes.');
  return value.map((v) => {
    const c = v as Partial<RateLimitRowChange> | null;
    if (!c || typeof c.id !== 'string' || typeof c.body !== 'object' || c.body === null || typeof c.before !== 'object' || c.before === null) {
      throw new TypeError('Malformed rate-limit change.');
    }
    return { id: c.id, model: typeof c.model === 'string' ? c.model : c.id, body: c.body, before: c.before };
  });
}

export async function saveRateLimits(
  client: AdminClient, projectId: string, changes: readonly RateLimitRowChange[], opts: { force?: boolean; signal?: AbortSignal } = {},
): Promise<RateLimitSave> {
  const current = (await client.rateLimits.all(projectId, {}, { signal: opts.signal })).map(toRateLimitRow);
  const conflicts = rateLimitConflicts(changes, current);
  if (conflicts.length && !opts.force) return { status: 'conflict', conflicts, messages: conflicts.map(describeConflict), current };

  const byId = new Map(current.map((r) => [r.id, r]));
  const results = await Promise.all(changes.map(async (c): Promise<RowResult> => {
    const now = byId.get(c.id);
    if (!now) return { id: c.id, model: c.model, ok: false, error: l10n.t('This rate limit no longer exists in the project.') };
    const checked = checkedBody(c, now);
    if ('problem' in checked) return { id: c.id, model: now.model, ok: false, error: checked.problem };
    // Someone else already set these values: nothing left to send, and the row is as the admin wants it.
    if (!Object.keys(checked.body).length) return { id: c.id, model: now.model, ok: true, row: now };
    try {
      const updated = await client.rateLimits.update(projectId, c.id, checked.body, { signal: opts.signal });
      return { id: c.id, model: now.model, ok: true, row: toRateLimitRow(updated) };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      return { id: c.id, model: now.model, ok: false, error: describeError(err) };
    }
  }));
  return { status: 'saved', results };
}

export type SingleSave = { status: 'conflict'; messages: string[] } | { status: 'saved' } | { status: 'unchanged' } | { status: 'invalid'; message: string };

/** Sets or removes the model policy; `before` is the policy the admin started from. */
export async function saveModelPolicy(
  client: AdminClient, projectId: string, edit: { mode: PolicyChoice; modelIds: readonly string[]; before: PolicyState },
  opts: { force?: boolean; signal?: AbortSignal; confirmRemove?: () => Promise<boolean> } = {},
): Promise<SingleSave> {
  const server = await readPolicy(client, projectId, opts.signal);
  if (!opts.force && !samePolicyState(edit.before, server)) {
    return { status: 'conflict', messages: [l10n.t('Model permissions changed on the server since you loaded them: {0} → {1}.', describePolicy(edit.before), describePolicy(server))] };
  }
  const change = modelPolicyEdit(server, edit.mode, edit.modelIds);
  switch (change.kind) {
    case 'unchanged': return { status: 'unchanged' };
    case 'invalid': return { status: 'invalid', message: change.problem };
    case 'remove':
      if (opts.confirmRemove && !(await opts.confirmRemove())) return { status: 'unchanged' };
      await client.modelPermissions.delete(projectId, { signal: opts.signal });
      return { status: 'saved' };
    case 'set':
      await client.modelPermissions.update(projectId, change.body, { signal: opts.signal });
      return { status: 'saved' };
  }
}

async function readPolicy(client: AdminClient, projectId: string, signal?: AbortSignal): Promise<PolicyState> {
  const p = await orNotSet(client.modelPermissions.retrieve(projectId, { signal }));
  return p ? { mode: p.mode, modelIds: p.model_ids } : null;
}

/** Sends only the switches that differ from the server; `before` is the state the admin started from. */
export async function saveHostedTools(
  client: AdminClient, projectId: string, edit: { enabled: Partial<Record<string, boolean>>; before: HostedToolsData },
  opts: { force?: boolean; signal?: AbortSignal } = {},
): Promise<SingleSave & { sent?: string[] }> {
  const raw = await client.hostedToolPermissions.retrieve(projectId, { signal: opts.signal }) as Partial<Record<string, { enabled?: boolean } | null>>;
  const server = Object.fromEntries(HOSTED_TOOLS.map(([t]) => [t, raw[t]?.enabled === true])) as HostedToolsData;
  // The admin's changes are the switches they moved away from where they started; every other tool
  // keeps whatever the server has now (a stale "before" must never undo someone else's change).
  const wanted = new Set(HOSTED_TOOLS.map(([t]) => t).filter((t) => {
    const mine = edit.enabled[t];
    return mine !== undefined && mine !== edit.before[t] ? mine : server[t];
  }));
  const mine = hostedToolChanges(toolState(edit.before), new Set(HOSTED_TOOLS.map(([t]) => t).filter((t) => edit.enabled[t] ?? edit.before[t])));
  const conflicts = hostedToolConflicts(toolState(edit.before), toolState(server), mine);
  if (conflicts.length && !opts.force) {
    const names = conflicts.map((t) => {
      const tool = HOSTED_TOOLS.find(([k]) => k === t)![1];
      return server[t] ? l10n.t('{0} is now on', tool) : l10n.t('{0} is now off', tool);
    });
    return { status: 'conflict', messages: [l10n.t('Hosted tool permissions changed on the server since you loaded them: {0}.', names.join(', '))] };
  }
  const changes = hostedToolChanges(toolState(server), wanted);
  const sent = Object.keys(changes);
  if (!sent.length) return { status: 'unchanged' };
  await client.hostedToolPermissions.update(projectId, changes, { signal: opts.signal });
  return { status: 'saved', sent };
}

export type ServiceTierSave =
  | { status: 'conflict'; fields: ServiceTierField[]; messages: string[]; current: ServiceTierData }
  | { status: 'unchanged'; current: ServiceTierData }
  | { status: 'invalid'; message: string }
  | { status: 'saved'; fields: ServiceTierField[]; current: ServiceTierData };

/**
 * Sets the default and/or enabled tiers; `before` is what the admin started from. Only the fields
 * the admin moved are sent (one request: the API changes both together), over what the server has now.
 */
export async function saveServiceTier(
  client: AdminClient, projectId: string, edit: { wanted: Pick<ServiceTierData, 'default' | 'enabled'>; before: ServiceTierData },
  opts: { force?: boolean; signal?: AbortSignal } = {},
): Promise<ServiceTierSave> {
  const server = toServiceTierData(await client.serviceTierSettings.retrieve(projectId, { signal: opts.signal }));
  const conflicts = serviceTierConflicts(edit.before, server, edit.wanted);
  if (conflicts.length && !opts.force) {
    const said = conflicts.map((f) => (f === 'default'
      ? l10n.t('the default tier is now {0} (was {1})', tierName(server.default), tierName(edit.before.default))
      : l10n.t('the enabled tiers are now {0} (were {1})', describeEnabled(server.enabled), describeEnabled(edit.before.enabled))));
    return { status: 'conflict', fields: conflicts, messages: [l10n.t('Service tiers changed on the server since you loaded them: {0}.', said.join('; '))], current: server };
  }
  const change = serviceTierEdit(server, edit.wanted, changedFields(edit.before, edit.wanted));
  if (change.kind === 'unchanged') return { status: 'unchanged', current: server };
  if (change.kind === 'invalid') return { status: 'invalid', message: change.problem };
  const saved = toServiceTierData(await client.serviceTierSettings.update(projectId, change.body, { signal: opts.signal }));
  const sent: ServiceTierField[] = [...(change.body.default !== undefined ? ['default' as const] : []), ...(change.body.enabled_tiers !== undefined ? ['enabled' as const] : [])];
  return { status: 'saved', fields: sent, current: saved };
}
