import * as vscode from 'vscode';
import type { FederationRule, WorkloadIdentityProvider } from '../../api';
import { isoDate, relativeTime } from '../../model/format';
import { describePermissions } from '../../model/workloadIdentity';
import type { NodeSpec } from '../nodeSpec';
import { listRef } from '../../model/store';
import { contextValue } from '../ids';
import { folder, paged } from './build';

/** OIDC providers whose tokens service accounts accept instead of API keys, each with its federation rules. */
export function workloadIdentityFolder(): NodeSpec {
  return folder('workloadIdentity', vscode.l10n.t('Workload Identity'), 'workspace-trusted', paged(vscode.l10n.t('workload identity providers'), listRef('workloadIdentityProviders'), providerNode, vscode.l10n.t('No workload identity providers')));
}

function verificationText(p: WorkloadIdentityProvider): string {
  const v = p.verification;
  if (v.type === 'uploaded_jwks') {
    const keys = (v.jwks as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) return vscode.l10n.t('uploaded JSON Web Key Set');
    return keys.length === 1 ? vscode.l10n.t('uploaded JSON Web Key Set (1 key)') : vscode.l10n.t('uploaded JSON Web Key Set ({0} keys)', keys.length);
  }
  return v.discovery_url ? vscode.l10n.t('discovery at {0}', v.discovery_url) : vscode.l10n.t("the issuer's discovery document");
}

export function providerNode(p: WorkloadIdentityProvider): NodeSpec {
  return {
    key: p.id,
    label: p.name || p.id,
    description: [p.enabled ? undefined : vscode.l10n.t('disabled'), p.issuer].filter(Boolean).join(' · '),
    icon: p.enabled ? 'globe' : ['globe', 'disabledForeground'],
    tooltip: [
      [vscode.l10n.t('Workload identity provider'), p.name], [vscode.l10n.t('Description'), p.description], [vscode.l10n.t('Issuer'), p.issuer], [vscode.l10n.t('Audience'), p.audience],
      [vscode.l10n.t('Enabled'), p.enabled ? vscode.l10n.t('yes') : vscode.l10n.t('no')], [vscode.l10n.t('Signing keys'), verificationText(p)],
      ...p.attribute_transformations.map((t): [string, string] => [vscode.l10n.t('Attribute {0}', t.attribute), t.expression]),
      [vscode.l10n.t('Created'), isoDate(p.created_at)], [vscode.l10n.t('Updated'), `${isoDate(p.updated_at)} (${relativeTime(p.updated_at)})`], [vscode.l10n.t('ID'), p.id],
    ],
    contextValue: contextValue('workloadIdentityProvider', p.enabled ? 'enabled' : 'disabled'),
    context: { providerId: p.id, providerName: p.name || p.id },
    copy: [[vscode.l10n.t('Provider ID'), p.id], [vscode.l10n.t('Issuer'), p.issuer], [vscode.l10n.t('Audience'), p.audience]],
    children: paged(vscode.l10n.t('federation rules'), listRef('federationRules', p.id), federationRuleNode, vscode.l10n.t('No federation rules')),
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
    description: [r.enabled ? undefined : vscode.l10n.t('disabled'), matchers.length === 1 ? vscode.l10n.t('1 matcher') : vscode.l10n.t('{0} matchers', matchers.length),
      r.permissions.type === 'restricted' ? vscode.l10n.t('restricted') : undefined].filter(Boolean).join(' · '),
    icon: r.enabled ? 'filter' : ['filter', 'disabledForeground'],
    tooltip: [
      [vscode.l10n.t('Federation rule'), r.name], [vscode.l10n.t('Description'), r.description], [vscode.l10n.t('Project'), r.project_id], [vscode.l10n.t('Service account'), r.service_account_id],
      [vscode.l10n.t('Enabled'), r.enabled ? vscode.l10n.t('yes') : vscode.l10n.t('no')], [vscode.l10n.t('Permissions'), describePermissions(r.permissions)],
      vscode.l10n.t('Tokens match when every attribute has its value:'),
      ...matchers.map(([k, v]): [string, string] => [k, matcherText(v)]),
      [vscode.l10n.t('Created'), isoDate(r.created_at)], [vscode.l10n.t('Updated'), isoDate(r.updated_at)], [vscode.l10n.t('ID'), r.id],
    ],
    contextValue: contextValue('federationRule', r.enabled ? 'enabled' : 'disabled'),
    context: { ruleId: r.id },
    copy: [[vscode.l10n.t('Rule ID'), r.id], [vscode.l10n.t('Service account ID'), r.service_account_id], [vscode.l10n.t('Project ID'), r.project_id]],
  };
}
