// The Key Hygiene view: findings of the hygiene rules (src/model/hygiene), grouped by rule, computed
// from the org store and recomputed whenever a list they come from changes (a bulk action's effects
// remove the objects it deleted at once). A native tree, so it is keyboard- and screen-reader-friendly
// and takes multi-selection for the bulk actions (src/commands/hygiene.ts).
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { readUnusedKeyDays } from '../config';
import type { Logger } from '../log';
import { describeError } from '../model/describeError';
import { formatAsOf } from '../model/asOf';
import { findHygieneIssues, HYGIENE_RESOURCES, hygieneRefs, hygieneSnapshot, loadHygieneInputs, RULE_IDS, RULES, type Finding, type RuleId } from '../model/hygiene';
import type { OrgStore, StoreChange } from '../model/store';
import { notify, runWithProgress } from '../notify';
import { contextValue } from './ids';

export const HYGIENE_VIEW_ID = 'openaiAdmin.keyHygiene';

/**
 * A row: a rule's heading, or one finding under it. `organization` names the connection whose
 * findings the view shows, so the bulk commands act on that organization.
 */
export type HygieneNode = { kind: 'rule'; rule: RuleId; organization: string } | { kind: 'finding'; rule: RuleId; findingId: string; organization: string };

/** The organization the view reviews. */
export interface HygieneSource {
  readonly id: string;
  /** Its name when several organizations are connected. */
  readonly label: string | undefined;
  readonly store: OrgStore;
  readonly session: Session;
}

const ICONS: Record<RuleId, [string, string?]> = {
  'expired-key': ['error', 'problemsErrorIcon.foreground'],
  'expiring-key': ['warning', 'problemsWarningIcon.foreground'],
  'orphaned-key': ['person'],
  'unused-key': ['history'],
  'never-used-key': ['circle-slash'],
  'no-expiry-key': ['watch'],
  'unused-admin-key': ['shield'],
  'keyless-service-account': ['robot'],
  'member-without-project': ['account'],
};

const OBJECT_ICONS: Record<Finding['object']['kind'], string> = { projectKey: 'key', serviceAccount: 'robot', adminKey: 'shield', member: 'person' };

/** A row's label: the object's own name (the finding's label, with its redacted value, is in the tooltip). */
function shortName(f: Finding): string {
  const o = f.object;
  switch (o.kind) {
    case 'projectKey': case 'adminKey': return `${o.key.name || o.key.id} (${o.key.redacted_value})`;
    case 'serviceAccount': return o.account.name || o.account.id;
    case 'member': return o.user.name || o.user.email || o.user.id;
  }
}

/** Wait after a store change before recomputing, so a burst of pages or a bulk action redraws once. */
const SETTLE_MS = 150;

export class HygieneProvider implements vscode.TreeDataProvider<HygieneNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HygieneNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private findings: Finding[] = [];
  private byRule = new Map<RuleId, Finding[]>();
  /** Whether the admin has run it since the key was set: until then the view shows its welcome text. */
  private active = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloading = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private following: vscode.Disposable[] = [];
  private source: HygieneSource;
  /** Set by extension.ts once the view exists, for the "as of" line. */
  view?: vscode.TreeView<HygieneNode>;

  constructor(source: HygieneSource, private readonly log: Logger, private readonly clock: () => number = Date.now) {
    this.source = source;
    this.follow();
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('openaiAdmin.unusedKeyDays')) this.schedule(); }),
    );
  }

  private get store(): OrgStore { return this.source.store; }

  /** The organization whose findings the view shows (it starts over when that changes). */
  get organization(): string { return this.source.id; }

  /** Shows another organization's findings (several connected): nothing of the last one stays. */
  use(source: HygieneSource): void {
    if (source === this.source) return;
    this.source = source;
    this.follow();
    this.reset();
  }

  private follow(): void {
    for (const d of this.following) d.dispose();
    this.following = [
      this.source.store.onDidChange((change) => this.storeChanged(change)),
      // Another key may be another organization: start over, and read nothing until asked.
      this.source.session.onDidChangeState(() => this.reset()),
    ];
  }

  /** Reads what the rules need (lists read before are not read again) and shows the findings. */
  async run(signal?: AbortSignal): Promise<{ errors: number }> {
    this.active = true;
    void vscode.commands.executeCommand('setContext', 'openaiAdmin.hygiene.ran', true);
    const { errors } = await loadHygieneInputs(this.store, { signal });
    for (const e of errors) this.log.warn(`Key Hygiene: couldn't read ${e.what} (${e.ref.ids.join('/') || 'organization'}): ${describeError(e.error)}`);
    this.recompute(errors.length);
    return { errors: errors.length };
  }

  /**
   * Run (view title): reads what is missing, with progress in the view and Cancel. Refresh reads
   * every list again first. A list that fails is named in the log and counted in the view's message.
   */
  async runFromView(refresh: boolean): Promise<void> {
    this.reloading = true;
    try {
      if (refresh) for (const resource of HYGIENE_RESOURCES) this.store.invalidate(resource);
      const { errors } = await runWithProgress({ location: { viewId: HYGIENE_VIEW_ID }, title: vscode.l10n.t('Key Hygiene'), cancellable: true }, (_p, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return this.run(controller.signal);
      });
      if (errors) {
        void notify('warning', errors === 1
          ? vscode.l10n.t('Key Hygiene: 1 list could not be read; the findings leave them out. Run again to retry.')
          : vscode.l10n.t('Key Hygiene: {0} lists could not be read; the findings leave them out. Run again to retry.', errors));
      }
    } catch (err) {
      if (!(err instanceof Error && err.name === 'AbortError')) void notify('error', vscode.l10n.t('Key Hygiene failed: {0}', describeError(err)));
      this.recompute();
    } finally {
      this.reloading = false;
    }
  }

  /** The findings shown now (for tests and the view's message). */
  current(): readonly Finding[] {
    return this.findings;
  }

  getChildren(node?: HygieneNode): HygieneNode[] {
    if (!this.active) return [];
    const organization = this.source.id;
    if (!node) return RULE_IDS.filter((rule) => this.byRule.has(rule)).map((rule) => ({ kind: 'rule', rule, organization }));
    if (node.kind === 'finding') return [];
    return (this.byRule.get(node.rule) ?? []).map((f) => ({ kind: 'finding', rule: f.rule, findingId: f.id, organization }));
  }

  getParent(node: HygieneNode): HygieneNode | undefined {
    return node.kind === 'finding' ? { kind: 'rule', rule: node.rule, organization: node.organization } : undefined;
  }

  getTreeItem(node: HygieneNode): vscode.TreeItem {
    if (node.kind === 'rule') {
      const count = this.byRule.get(node.rule)?.length ?? 0;
      const item = new vscode.TreeItem(RULES[node.rule].title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `rule:${node.rule}`;
      item.description = String(count);
      item.tooltip = RULES[node.rule].description(this.settings());
      item.contextValue = contextValue('hygieneRule');
      const [icon, color] = ICONS[node.rule];
      item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
      item.accessibilityInformation = { label: count === 1 ? vscode.l10n.t('{0}: 1 finding', RULES[node.rule].title) : vscode.l10n.t('{0}: {1} findings', RULES[node.rule].title, count) };
      return item;
    }
    const f = this.findings.find((x) => x.id === node.findingId);
    const item = new vscode.TreeItem(f ? shortName(f) : node.findingId, vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${node.findingId}`;
    if (!f) return item;
    const where = f.object.kind === 'projectKey' || f.object.kind === 'serviceAccount' ? ` · ${f.object.project.name || f.object.project.id}` : '';
    item.description = `${f.explanation}${where}`;
    // Plain text (not Markdown): names from the API are shown as they are, never rendered.
    item.tooltip = [
      vscode.l10n.t('{0} (rule {1})', RULES[f.rule].title, f.rule),
      f.label,
      f.object.kind === 'projectKey' || f.object.kind === 'serviceAccount' ? vscode.l10n.t('Project {0} ({1})', f.object.project.name || '', f.object.project.id) : undefined,
      f.explanation,
      vscode.l10n.t('Suggested: {0}', f.suggestion),
    ].filter(Boolean).join('\n');
    item.contextValue = contextValue('hygieneFinding', f.action);
    item.iconPath = new vscode.ThemeIcon(OBJECT_ICONS[f.object.kind]);
    item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}, {2}. Suggested: {3}', RULES[f.rule].title, f.label, f.explanation, f.suggestion) };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of [...this.subscriptions, ...this.following]) s.dispose();
    this.changed.dispose();
  }

  private settings() {
    return { nowMs: this.clock(), unusedKeyDays: readUnusedKeyDays() };
  }

  private reset(): void {
    this.active = false;
    this.findings = [];
    this.byRule = new Map();
    void vscode.commands.executeCommand('setContext', 'openaiAdmin.hygiene.ran', false);
    if (this.view) this.view.message = undefined;
    this.changed.fire(undefined);
  }

  private storeChanged(change: StoreChange): void {
    if (!this.active || !HYGIENE_RESOURCES.includes(change.ref.resource)) return;
    // A list dropped to be read again (a write that did not say enough, a Refresh): read it, so
    // the findings stay whole. Failed pages are not retried here (that would loop): Run does.
    if (change.reason === 'invalidated') this.reloadSoon();
    else this.schedule();
  }

  private schedule(): void {
    if (!this.active) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; this.recompute(); }, SETTLE_MS);
  }

  private reloadSoon(): void {
    if (this.reloading) return;
    this.reloading = true;
    setTimeout(() => {
      // Reset since (a key or organization changed, which also clears the store): read nothing.
      if (!this.active) { this.reloading = false; return; }
      void this.run().catch((err: unknown) => this.log.warn(`Key Hygiene: couldn't update: ${describeError(err)}`)).finally(() => { this.reloading = false; });
    }, SETTLE_MS);
  }

  private recompute(errors?: number): void {
    const { inputs } = hygieneSnapshot(this.store);
    this.findings = findHygieneIssues(inputs, this.settings());
    this.byRule = new Map();
    for (const f of this.findings) {
      const list = this.byRule.get(f.rule) ?? [];
      list.push(f);
      this.byRule.set(f.rule, list);
    }
    if (this.view) {
      const at = this.store.readAt(hygieneRefs(this.store));
      const asOf = at ? ` ${formatAsOf(at, { locale: vscode.env.language })}` : '';
      const failed = !errors ? '' : ` · ${errors === 1
        ? vscode.l10n.t('1 list could not be read (see the log; Run again to retry)')
        : vscode.l10n.t('{0} lists could not be read (see the log; Run again to retry)', errors)}`;
      const org = this.source.label ? `${this.source.label}: ` : '';
      const n = this.findings.length;
      const found = n === 0
        ? vscode.l10n.t({ message: 'No findings{0}: every rule passes.', args: [asOf], comment: ['{0} is " as of <when the lists were read>" with its leading space, or nothing'] })
        : `${n === 1 ? vscode.l10n.t('1 finding') : vscode.l10n.t('{0} findings', n)}${asOf}`;
      this.view.message = org + found + failed;
    }
    this.changed.fire(undefined);
  }
}
