// The Project panel's unsaved edits and what they would change. The webview keeps a PanelDraft (and
// saves it with setState, so edits survive a reload); everything about it — is it dirty, is it
// valid, what would be sent, did the server move underneath it — is decided here, without `vscode`,
// and unit-tested in plain Node.
import * as l10n from '@vscode/l10n';
import { HOSTED_TOOLS, RATE_LIMIT_FIELDS, thousands, type HostedTool } from '../format';
import {
  describePolicy, hostedToolChanges, modelPolicyEdit, samePolicyState, toolState, type PolicyChoice, type PolicyEdit, type PolicyState,
} from '../permissionEdits';
import { diffRateLimits, type RateLimitDraft } from '../rateLimitEdits';
import { describeKeyBody, diffApiKeys, keysChangedElsewhere, type KeyDrafts } from './keyEdits';
import { changedFields, describeServiceTierBody, draftServiceTierEdit, type ServiceTierDraft } from './serviceTier';
import { retentionLabel, type HostedToolsData, type ModelPolicy, type RateLimitRow, type RetentionType, type SectionData, type SectionId } from './types';

export interface PolicyDraft {
  mode: PolicyChoice;
  modelIds: string[];
  /** The policy when editing started. */
  before: PolicyState;
}

export interface ToolsDraft {
  enabled: Partial<Record<HostedTool, boolean>>;
  before: HostedToolsData;
}

export interface RetentionDraft {
  type: RetentionType;
  before: RetentionType;
}

export interface PanelDraft {
  /** The name as typed (undefined: not edited). */
  name?: string;
  rateLimits: RateLimitDraft;
  policy?: PolicyDraft;
  tools?: ToolsDraft;
  retention?: RetentionDraft;
  serviceTier?: ServiceTierDraft;
  /** Per API key id: a new expiry and/or new scopes. */
  apiKeys?: KeyDrafts;
}

export const emptyDraft = (): PanelDraft => ({ rateLimits: {} });

export interface PendingChange {
  section: SectionId;
  text: string;
  /** The edit cannot be saved as it is (the text says why). */
  invalid?: boolean;
}

type Loaded = Partial<SectionData>;


const toolName = (t: string) => HOSTED_TOOLS.find(([k]) => k === t)?.[1] ?? t;
const abbr = (f: string) => RATE_LIMIT_FIELDS.find(([k]) => k === f)?.[1] ?? f;

export function policyState(p: ModelPolicy | null | undefined): PolicyState {
  return p ? { mode: p.mode, modelIds: p.modelIds } : null;
}

export function nameEdit(loaded: Loaded, draft: PanelDraft): { name: string } | { problem: string } | undefined {
  if (draft.name === undefined || !loaded.overview) return undefined;
  const name = draft.name.trim();
  if (!name) return { problem: l10n.t('The project name cannot be empty.') };
  if (name.length > 256) return { problem: l10n.t('The project name is longer than 256 characters.') };
  return name === loaded.overview.name ? undefined : { name };
}

export function policyEdit(loaded: Loaded, draft: PanelDraft): PolicyEdit {
  if (!draft.policy || loaded.modelPermissions === undefined) return { kind: 'unchanged' };
  return modelPolicyEdit(policyState(loaded.modelPermissions), draft.policy.mode, draft.policy.modelIds);
}

/** The tools switched away from what the server has now, in the API's update form. */
export function toolsEdit(loaded: Loaded, draft: PanelDraft) {
  if (!draft.tools || !loaded.hostedTools) return {};
  const enabled = new Set(HOSTED_TOOLS.map(([t]) => t).filter((t) => draft.tools!.enabled[t] ?? loaded.hostedTools![t]));
  return hostedToolChanges(toolState(loaded.hostedTools), enabled);
}

export function retentionEdit(loaded: Loaded, draft: PanelDraft): RetentionType | undefined {
  if (!draft.retention || !loaded.dataRetention) return undefined;
  return draft.retention.type === loaded.dataRetention.type ? undefined : draft.retention.type;
}

/** Every unsaved change, section by section, as one line each (invalid edits included, flagged). */
export function pendingChanges(loaded: Loaded, draft: PanelDraft, nowSeconds = Math.floor(Date.now() / 1000)): PendingChange[] {
  const out: PendingChange[] = [];
  const name = nameEdit(loaded, draft);
  if (name) out.push('problem' in name ? { section: 'overview', text: name.problem, invalid: true } : { section: 'overview', text: l10n.t('Name: “{0}” → “{1}”', loaded.overview!.name, name.name) });

  if (loaded.rateLimits) {
    const diff = diffRateLimits(loaded.rateLimits, draft.rateLimits);
    for (const c of diff.changes) {
      const row = loaded.rateLimits.find((r) => r.id === c.id)!;
      const parts = Object.entries(c.body).map(([f, v]) => `${abbr(f)} ${thousands(row.limits[f as keyof typeof row.limits])} → ${thousands(v as number)}`);
      out.push({ section: 'rateLimits', text: l10n.t('Rate limit {0}: {1}', c.model, parts.join(', ')) });
    }
    for (const p of diff.problems) {
      const text = p.field ? l10n.t('Rate limit {0} {1}: {2}', p.model, abbr(p.field), p.message) : l10n.t('Rate limit {0}: {1}', p.model, p.message);
      out.push({ section: 'rateLimits', text, invalid: true });
    }
  }

  const policy = policyEdit(loaded, draft);
  if (policy.kind === 'set') out.push({ section: 'modelPermissions', text: l10n.t('Model permissions: {0}', describePolicy({ mode: policy.body.mode, modelIds: policy.body.model_ids })) });
  else if (policy.kind === 'remove') out.push({ section: 'modelPermissions', text: l10n.t('Model permissions: remove the policy (every model allowed)') });
  else if (policy.kind === 'invalid') out.push({ section: 'modelPermissions', text: l10n.t('Model permissions: {0}', policy.problem), invalid: true });

  const tools = toolsEdit(loaded, draft);
  for (const [t, v] of Object.entries(tools)) out.push({ section: 'hostedTools', text: v!.enabled ? l10n.t('{0}: on', toolName(t)) : l10n.t('{0}: off', toolName(t)) });

  if (loaded.apiKeys && draft.apiKeys) {
    const keys = diffApiKeys(loaded.apiKeys, draft.apiKeys, nowSeconds);
    for (const c of keys.changes) out.push({ section: 'apiKeys', text: l10n.t('API key {0}: {1}', c.name, describeKeyBody(c.body)) });
    for (const p of keys.problems) out.push({ section: 'apiKeys', text: l10n.t('API key {0}: {1}', p.name, p.message), invalid: true });
  }

  const tier = draftServiceTierEdit(loaded.serviceTier, draft.serviceTier);
  if (tier.kind === 'set') for (const line of describeServiceTierBody(loaded.serviceTier!, tier.body)) out.push({ section: 'serviceTier', text: line });
  else if (tier.kind === 'invalid') out.push({ section: 'serviceTier', text: l10n.t('Service tier: {0}', tier.problem), invalid: true });

  const retention = retentionEdit(loaded, draft);
  if (retention) out.push({ section: 'dataRetention', text: l10n.t('Data retention: {0} → {1}', retentionLabel(loaded.dataRetention!.type), retentionLabel(retention)) });
  return out;
}

/**
 * Edited things that changed on the server since editing started (the panel reloaded underneath
 * them): rate-limit row ids, and the other editable sections by id. The admin is told before saving.
 */
export function changedElsewhere(loaded: Loaded, draft: PanelDraft): { rateLimitIds: string[]; apiKeyIds: string[]; sections: SectionId[] } {
  const rateLimitIds: string[] = [];
  for (const [id, edit] of Object.entries(draft.rateLimits)) {
    const row = loaded.rateLimits?.find((r) => r.id === id);
    if (!Object.keys(edit.entered).length) continue;
    if (!row || !sameLimits(edit.before, row.limits)) rateLimitIds.push(id);
  }
  const sections: SectionId[] = [];
  if (draft.policy && loaded.modelPermissions !== undefined && !samePolicyState(draft.policy.before, policyState(loaded.modelPermissions))) sections.push('modelPermissions');
  if (draft.tools && loaded.hostedTools && HOSTED_TOOLS.some(([t]) => draft.tools!.before[t] !== loaded.hostedTools![t])) sections.push('hostedTools');
  if (draft.retention && loaded.dataRetention && draft.retention.before !== loaded.dataRetention.type) sections.push('dataRetention');
  if (draft.serviceTier && loaded.serviceTier && changedFields(draft.serviceTier.before, loaded.serviceTier).length) sections.push('serviceTier');
  return { rateLimitIds, apiKeyIds: keysChangedElsewhere(loaded.apiKeys, draft.apiKeys ?? {}), sections };
}

function sameLimits(a: RateLimitRow['limits'], b: RateLimitRow['limits']): boolean {
  return RATE_LIMIT_FIELDS.every(([f]) => a[f] === b[f]);
}

/**
 * After a save: drops the edits that were saved (rows the server confirmed, sections that went
 * through) so only what still differs — failed rows, untouched sections — stays dirty.
 */
export function withoutSavedRows(draft: PanelDraft, savedIds: readonly string[]): PanelDraft {
  const rateLimits = { ...draft.rateLimits };
  for (const id of savedIds) delete rateLimits[id];
  return { ...draft, rateLimits };
}

/** The same for API keys: saved keys leave the draft, failed ones keep their edits. */
export function withoutSavedKeys(draft: PanelDraft, savedIds: readonly string[]): PanelDraft {
  const apiKeys = { ...draft.apiKeys };
  for (const id of savedIds) delete apiKeys[id];
  const { apiKeys: _, ...rest } = draft;
  return Object.keys(apiKeys).length ? { ...rest, apiKeys } : rest;
}
