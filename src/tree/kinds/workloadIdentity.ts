import type { FederationRule, WorkloadIdentityProvider } from '../../api';
import { isoDate, relativeTime } from '../../model/format';
import { describePermissions } from '../../model/workloadIdentity';
import type { NodeSpec } from '../nodeSpec';
import { listRef } from '../../model/store';
import { contextValue } from '../ids';
import { folder, paged } from './build';

/** OIDC providers whose tokens service accounts accept instead of API keys, each with its federation rules. */
export function workloadIdentityFolder(): NodeSpec {
  return folder('workloadIdentity', 'Workload Identity', 'workspace-trusted', paged('workload identity providers', listRef('workloadIdentityProviders'), providerNode, 'No workload identity providers'));
}

function verificationText(p: WorkloadIdentityProvider): string {
  const v = p.verification;
  if (v.type === 'uploaded_jwks') {
    const keys = (v.jwks as { keys?: unknown }).keys;
    return `uploaded JSON Web Key Set${Array.isArray(keys) ? ` (${keys.length} key${keys.length === 1 ? '' : 's'})` : ''}`;
  }
  return v.discovery_url ? `discovery at ${v.discovery_url}` : "the issuer's discovery document";
}

export function providerNode(p: WorkloadIdentityProvider): NodeSpec {
  return {
    key: p.id,
    label: p.name || p.id,
    description: [p.enabled ? undefined : 'disabled', p.issuer].filter(Boolean).join(' · '),
    icon: p.enabled ? 'globe' : ['globe', 'disabledForeground'],
    tooltip: [
      ['Workload identity provider', p.name], ['Description', p.description], ['Issuer', p.issuer], ['Audience', p.audience],
      ['Enabled', p.enabled ? 'yes' : 'no'], ['Signing keys', verificationText(p)],
      ...p.attribute_transformations.map((t): [string, string] => [`Attribute ${t.attribute}`, t.expression]),
      ['Created', isoDate(p.created_at)], ['Updated', `${isoDate(p.updated_at)} (${relativeTime(p.updated_at)})`], ['ID', p.id],
    ],
    contextValue: contextValue('workloadIdentityProvider', p.enabled ? 'enabled' : 'disabled'),
    context: { providerId: p.id, providerName: p.name || p.id },
    copy: [['Provider ID', p.id], ['Issuer', p.issuer], ['Audience', p.audience]],
    children: paged('federation rules', listRef('federationRules', p.id), federationRuleNode, 'No federation rules'),
  };
}

function matcherText(v: string | number | boolean): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function federationRuleNode(r: FederationRule): NodeSpec {
  const matchers = Object.entries(r.attribute_matchers);
  return {
    key: r.id,
    label: r.name || `${r.project_id} → ${r.service_account_id}`,
    description: [r.enabled ? undefined : 'disabled', `${matchers.length} matcher${matchers.length === 1 ? '' : 's'}`,
      r.permissions.type === 'restricted' ? 'restricted' : undefined].filter(Boolean).join(' · '),
    icon: r.enabled ? 'filter' : ['filter', 'disabledForeground'],
    tooltip: [
      ['Federation rule', r.name], ['Description', r.description], ['Project', r.project_id], ['Service account', r.service_account_id],
      ['Enabled', r.enabled ? 'yes' : 'no'], ['Permissions', describePermissions(r.permissions)],
      'Tokens match when every attribute has its value:',
      ...matchers.map(([k, v]): [string, string] => [k, matcherText(v)]),
      ['Created', isoDate(r.created_at)], ['Updated', isoDate(r.updated_at)], ['ID', r.id],
    ],
    contextValue: contextValue('federationRule', r.enabled ? 'enabled' : 'disabled'),
    context: { ruleId: r.id },
    copy: [['Rule ID', r.id], ['Service account ID', r.service_account_id], ['Project ID', r.project_id]],
  };
}
