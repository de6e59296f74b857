/** What a project's permission edits send: only what changed. No `vscode` here. */
import * as l10n from '@vscode/l10n';
import { HOSTED_TOOLS, type HostedTool } from './format';

export type HostedToolState = Partial<Record<HostedTool, { enabled: boolean } | null | undefined>>;
export type HostedToolUpdate = Partial<Record<HostedTool, { enabled: boolean }>>;

/**
 * The update body for the tools whose state differs from `current` (a missing entry counts as off,
 * as the tree shows it). Untouched tools are left out so a concurrent edit of another tool survives.
 */
export function hostedToolChanges(current: HostedToolState, enabledNow: ReadonlySet<string>): HostedToolUpdate {
  const body: HostedToolUpdate = {};
  for (const [tool] of HOSTED_TOOLS) {
    const was = current[tool]?.enabled === true;
    const now = enabledNow.has(tool);
    if (was !== now) body[tool] = { enabled: now };
  }
  return body;
}

export type ModelPolicyMode = 'allow_list' | 'deny_list';

/** Models to offer: those the project's rate limits name plus any the current policy lists, sorted, once each. */
export function modelChoices(rateLimitModels: readonly string[], policyModels: readonly string[]): string[] {
  return [...new Set([...rateLimitModels, ...policyModels])].sort((a, b) => a.localeCompare(b));
}

export function samePolicy(
  current: { mode: ModelPolicyMode; model_ids: readonly string[] } | undefined,
  mode: ModelPolicyMode,
  modelIds: readonly string[],
): boolean {
  if (!current || current.mode !== mode) return false;
  const a = new Set(current.model_ids);
  const b = new Set(modelIds);
  return a.size === b.size && [...a].every((m) => b.has(m));
}

// ---------------------------------------------------------------------------------------------
// The Project panel's permission editors: a policy mode (or none) with a list of models, and one
// switch per hosted tool, each saved with a check that nobody else changed them meanwhile.

/** The policy as the panel holds it; null means no policy (every model allowed). */
export type PolicyState = { mode: ModelPolicyMode; modelIds: readonly string[] } | null;
export type PolicyChoice = ModelPolicyMode | 'none';

export type PolicyEdit =
  | { kind: 'unchanged' }
  | { kind: 'remove' }
  | { kind: 'set'; body: { mode: ModelPolicyMode; model_ids: string[] } }
  | { kind: 'invalid'; problem: string };

const MODEL_ID = /^[A-Za-z0-9][\w.:/-]*$/;

/** What saving `mode` with `modelIds` would do to the current policy. */
export function modelPolicyEdit(current: PolicyState, mode: PolicyChoice, modelIds: readonly string[]): PolicyEdit {
  if (mode === 'none') return current ? { kind: 'remove' } : { kind: 'unchanged' };
  const ids = [...new Set(modelIds.map((m) => m.trim()).filter(Boolean))];
  const bad = ids.find((m) => !MODEL_ID.test(m));
  if (bad !== undefined) return { kind: 'invalid', problem: l10n.t('{0} does not look like a model id.', JSON.stringify(bad)) };
  if (!ids.length) {
    const problem = mode === 'allow_list'
      ? l10n.t('Choose at least one model for the allow list, or choose “Not set” to remove the policy.')
      : l10n.t('Choose at least one model for the deny list, or choose “Not set” to remove the policy.');
    return { kind: 'invalid', problem };
  }
  if (current && samePolicy({ mode: current.mode, model_ids: current.modelIds }, mode, ids)) return { kind: 'unchanged' };
  return { kind: 'set', body: { mode, model_ids: ids } };
}

export function samePolicyState(a: PolicyState, b: PolicyState): boolean {
  if (!a || !b) return a === b;
  return samePolicy({ mode: a.mode, model_ids: a.modelIds }, b.mode, b.modelIds);
}

export function describePolicy(p: PolicyState): string {
  if (!p) return l10n.t('not set (every model allowed)');
  const models = p.modelIds.length ? p.modelIds.join(', ') : l10n.t('no models');
  return p.mode === 'allow_list' ? l10n.t('allow list of {0}', models) : l10n.t('deny list of {0}', models);
}

/** Tools about to be changed whose server state is no longer the one editing started from. */
export function hostedToolConflicts(before: HostedToolState, now: HostedToolState, changes: HostedToolUpdate): HostedTool[] {
  return HOSTED_TOOLS.map(([t]) => t).filter((t) => t in changes && (before[t]?.enabled === true) !== (now[t]?.enabled === true));
}

/** The panel's flat form ({ web_search: true, … }) as the API's ({ web_search: { enabled: true } }). */
export function toolState(flat: Partial<Record<string, boolean>>): HostedToolState {
  const out: HostedToolState = {};
  for (const [t] of HOSTED_TOOLS) out[t] = { enabled: flat[t] === true };
  return out;
}
