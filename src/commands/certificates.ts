// mTLS certificates: uploaded to the organization from a PEM file, renamed, activated or
// deactivated for the organization or one project, deleted. An upload is inactive until activated.
import * as vscode from 'vscode';
import type { AdminClient } from '../api';
import { notify } from '../notify';
import { describeError } from '../model/describeError';
import { certificateEffects } from '../model/writeEffects';

import type { TreeNode } from '../tree/treeNode';
import { plainText } from '../util/plainText';
import { certificateNameFrom, readPemCertificate, MAX_CERTIFICATE_BYTES } from './certificateFile';
import type { CommandContext } from './context';
import { fetchFor, pickOne, pickProject } from './pickers';
import { ask, q, requiredName, runWrite } from '../ui/run';
import { isKind, itemOf, rowOf, type ProjectRef } from './targets';

interface Cert {
  id: string;
  name?: string | null;
  active?: boolean;
}

/** The API activates or deactivates at most this many certificates per request. */
const MAX_TOGGLE = 10;

const certName = (c: Cert) => c.name || c.id;

/** Where a certificate is active: the organization or one project. Same calls, different endpoints. */
interface Scope {
  /** "the organization" / "project “X”", for sentences. */
  name: string;
  /** "The organization" / "Project “X”": the same at the start of a sentence. */
  subject: string;
  /** The project whose activations these are; none for the organization's. */
  projectId?: string;
  list(c: AdminClient): Promise<Cert[]>;
  activate(c: AdminClient, ids: string[]): Promise<unknown>;
  deactivate(c: AdminClient, ids: string[]): Promise<unknown>;
}

const organizationScope: Scope = {
  get name() { return vscode.l10n.t('the organization'); },
  get subject() { return vscode.l10n.t('The organization'); },
  list: (c) => c.certificates.all(),
  activate: (c, ids) => c.certificates.activate({ certificate_ids: ids }),
  deactivate: (c, ids) => c.certificates.deactivate({ certificate_ids: ids }),
};

function projectScope(p: ProjectRef): Scope {
  return {
    name: vscode.l10n.t('project {0}', q(p.name)),
    subject: vscode.l10n.t('Project {0}', q(p.name)),
    projectId: p.id,
    list: (c) => c.projectCertificates.all(p.id),
    activate: (c, ids) => c.projectCertificates.activate(p.id, { certificate_ids: ids }),
    deactivate: (c, ids) => c.projectCertificates.deactivate(p.id, { certificate_ids: ids }),
  };
}

function nodeProject(node: TreeNode | undefined): ProjectRef | undefined {
  const id = node?.lookup('projectId');
  return id ? { id, name: node?.lookup('projectName') ?? id, archived: node?.lookup('projectStatus') === 'archived' } : undefined;
}

async function scopeOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<Scope | undefined> {
  const project = nodeProject(node);
  if (project) return projectScope(project);
  if (node) return organizationScope;
  const where = await pickOne(title, [
    { label: `$(organization) ${vscode.l10n.t('Organization')}`, value: 'org' as const, detail: vscode.l10n.t('For every project of the organization') },
    { label: `$(project) ${vscode.l10n.t('Project…')}`, value: 'project' as const, detail: vscode.l10n.t('For one project: search for it') },
  ], { placeholder: vscode.l10n.t('Organization or a project?') });
  if (!where) return undefined;
  if (where === 'org') return organizationScope;
  const p = await pickProject(ctx, title);
  return p && projectScope({ id: p.id, name: p.name || p.id, archived: false });
}

/** The certificate row a command acts on (in the organization's folder or a project's), else one picked from the organization's. */
async function certificateOf(ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<{ cert: Cert } | undefined> {
  if (isKind(node, 'certificate')) {
    const cert = await itemOf<Cert>(ctx, node.spec);
    return cert && { cert };
  }
  const row = await rowOf<Cert>(ctx, undefined, 'certificate', 'certificates', title, vscode.l10n.t('Type to search certificates by name or id'));
  return row && { cert: row.data };
}

/** Activate or deactivate: the row's certificate, else any number picked from those the change applies to. */
async function toggle(ctx: CommandContext, node: TreeNode | undefined, on: boolean) {
  const title = on ? vscode.l10n.t('Activate Certificates') : vscode.l10n.t('Deactivate Certificates');
  const scope = await scopeOf(ctx, node, title);
  if (!scope) return undefined;
  let certs: Cert[];
  if (isKind(node, 'certificate')) {
    const cert = await itemOf<Cert>(ctx, node.spec);
    if (!cert) return undefined;
    certs = [cert];
  } else {
    const all = await fetchFor(ctx, vscode.l10n.t('certificates'), (c) => scope.list(c));
    if (!all) return undefined;
    const candidates = all.filter((c) => Boolean(c.active) !== on);
    if (!candidates.length) {
      void notify('info', on
        ? vscode.l10n.t('{0} has no inactive certificates.', scope.subject)
        : vscode.l10n.t('{0} has no active certificates.', scope.subject));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(candidates.map((c) => ({ label: plainText(certName(c)), description: c.id, cert: c })), {
      title: vscode.l10n.t('{0}: {1}', title, scope.name),
      placeHolder: on
        ? vscode.l10n.t('Tick the certificates to activate (at most {0})', MAX_TOGGLE)
        : vscode.l10n.t('Tick the certificates to deactivate (at most {0})', MAX_TOGGLE),
      canPickMany: true, ignoreFocusOut: true,
    });
    if (!picked?.length) return undefined;
    if (picked.length > MAX_TOGGLE) {
      void notify('warning', on
        ? vscode.l10n.t('At most {0} certificates can be activated at once; {1} were ticked. Nothing was sent.', MAX_TOGGLE, picked.length)
        : vscode.l10n.t('At most {0} certificates can be deactivated at once; {1} were ticked. Nothing was sent.', MAX_TOGGLE, picked.length));
      return undefined;
    }
    certs = picked.map((p) => p.cert);
  }
  const names = certs.length === 1 ? vscode.l10n.t('certificate {0}', q(certName(certs[0]!))) : vscode.l10n.t('{0} certificates', certs.length);
  const clients = certs.length === 1
    ? vscode.l10n.t('Clients that present this certificate are no longer accepted for {0}.', scope.name)
    : vscode.l10n.t('Clients that present these certificates are no longer accepted for {0}.', scope.name);
  return runWrite(ctx, {
    progress: on ? vscode.l10n.t('Activating {0} for {1}…', names, scope.name) : vscode.l10n.t('Deactivating {0} for {1}…', names, scope.name),
    // Deactivating can cut off clients that authenticate with the certificate.
    confirm: on ? undefined : {
      message: vscode.l10n.t('Deactivate {0} for {1}?', names, scope.name),
      detail: `${certs.map((c) => `${certName(c)} (${c.id})`).join('\n')}\n\n${clients}`,
      button: vscode.l10n.t('Deactivate'),
    },
    call: (c) => (on ? scope.activate(c, certs.map((x) => x.id)) : scope.deactivate(c, certs.map((x) => x.id))),
    effects: () => certificateEffects.toggled(scope.projectId),
    done: () => (on ? vscode.l10n.t('Activated {0} for {1}', names, scope.name) : vscode.l10n.t('Deactivated {0} for {1}', names, scope.name)),
  });
}

export function registerCertificateCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.certificate.upload', async () => {
      const title = vscode.l10n.t('Upload Certificate');
      const uris = await vscode.window.showOpenDialog({
        title, openLabel: vscode.l10n.t('Upload'), canSelectMany: false, canSelectFiles: true, canSelectFolders: false,
        filters: { [vscode.l10n.t('PEM certificates')]: ['pem', 'crt', 'cer', 'cert'], [vscode.l10n.t('All files')]: ['*'] },
      });
      const uri = uris?.[0];
      if (!uri) return undefined;
      const file = plainText(uri.path.split('/').pop() ?? uri.path);
      let bytes: Uint8Array;
      try {
        // Sized first, so a large file chosen by mistake is never read into memory.
        if ((await vscode.workspace.fs.stat(uri)).size > MAX_CERTIFICATE_BYTES) {
          void notify('error', vscode.l10n.t('{0}: {1} is larger than {2} KB, so it is not a PEM certificate. Nothing was sent.', title, file, MAX_CERTIFICATE_BYTES / 1024));
          return undefined;
        }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (err) {
        void notify('error', vscode.l10n.t('{0}: couldn\'t read {1}: {2}', title, file, plainText(describeError(err))));
        return undefined;
      }
      const checked = readPemCertificate(bytes);
      if (!checked.ok) {
        void notify('error', vscode.l10n.t('{0}: {1}: {2}', title, file, checked.problem));
        return undefined;
      }
      const name = await ask(title, vscode.l10n.t('Name of the certificate from {0} (optional)', file), { value: certificateNameFrom(uri.path) });
      if (name === undefined) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Uploading certificate {0}…', q(name || file)),
        call: (c) => c.certificates.create({ certificate: checked.pem, ...(name ? { name } : {}) }),
        effects: () => certificateEffects.uploaded(),
        done: (cert) => vscode.l10n.t('Uploaded certificate {0} (inactive until activated)', q(cert.name || cert.id)),
      });
    }),

    ctx.register('openaiAdmin.certificate.rename', async (node?: TreeNode) => {
      const t = await certificateOf(ctx, node, vscode.l10n.t('Rename Certificate'));
      if (!t) return undefined;
      const was = certName(t.cert);
      const name = await ask(vscode.l10n.t('Rename Certificate'), vscode.l10n.t('New name for certificate {0}', q(was)), { value: t.cert.name ?? '', validateInput: requiredName });
      if (!name || name === t.cert.name) return undefined;
      return runWrite(ctx, {
        progress: vscode.l10n.t('Renaming certificate {0}…', q(was)),
        call: (c) => c.certificates.update(t.cert.id, { name }),
        effects: () => certificateEffects.renamed(),
        done: () => vscode.l10n.t('Renamed certificate to {0}', q(name)),
      });
    }),

    ctx.register('openaiAdmin.certificate.activate', (node?: TreeNode) => toggle(ctx, node, true)),
    ctx.register('openaiAdmin.certificate.deactivate', (node?: TreeNode) => toggle(ctx, node, false)),

    ctx.register('openaiAdmin.certificate.delete', async (node?: TreeNode) => {
      const t = await certificateOf(ctx, node, vscode.l10n.t('Delete Certificate'));
      if (!t) return undefined;
      const name = certName(t.cert);
      return runWrite(ctx, {
        progress: vscode.l10n.t('Deleting certificate {0}…', q(name)),
        confirm: {
          message: vscode.l10n.t('Delete certificate {0} from the organization?', q(name)),
          detail: vscode.l10n.t('{0}\n\nIt must first be deactivated for the organization and every project. This cannot be undone.', t.cert.id),
          button: vscode.l10n.t('Delete Certificate'),
        },
        call: (c) => c.certificates.delete(t.cert.id),
        effects: () => certificateEffects.deleted(t.cert.id),
        done: () => vscode.l10n.t('Deleted certificate {0}', q(name)),
      });
    }),
  ];
}
