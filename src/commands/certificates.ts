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
import { ask, q, runWrite } from '../ui/run';
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
  name: string;
  /** The project whose activations these are; none for the organization's. */
  projectId?: string;
  list(c: AdminClient): Promise<Cert[]>;
  activate(c: AdminClient, ids: string[]): Promise<unknown>;
  deactivate(c: AdminClient, ids: string[]): Promise<unknown>;
}

const organizationScope: Scope = {
  name: 'the organization',
  list: (c) => c.certificates.all(),
  activate: (c, ids) => c.certificates.activate({ certificate_ids: ids }),
  deactivate: (c, ids) => c.certificates.deactivate({ certificate_ids: ids }),
};

function projectScope(p: ProjectRef): Scope {
  return {
    name: `project ${q(p.name)}`,
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
    { label: '$(organization) Organization', value: 'org' as const, detail: 'For every project of the organization' },
    { label: '$(project) Project…', value: 'project' as const, detail: 'For one project: search for it' },
  ], { placeholder: 'Organization or a project?' });
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
  const row = await rowOf<Cert>(ctx, undefined, 'certificate', 'certificates', title, 'Type to search certificates by name or id');
  return row && { cert: row.data };
}

/** Activate or deactivate: the row's certificate, else any number picked from those the change applies to. */
async function toggle(ctx: CommandContext, node: TreeNode | undefined, on: boolean) {
  const title = on ? 'Activate Certificates' : 'Deactivate Certificates';
  const scope = await scopeOf(ctx, node, title);
  if (!scope) return undefined;
  let certs: Cert[];
  if (isKind(node, 'certificate')) {
    const cert = await itemOf<Cert>(ctx, node.spec);
    if (!cert) return undefined;
    certs = [cert];
  } else {
    const all = await fetchFor(ctx, 'certificates', (c) => scope.list(c));
    if (!all) return undefined;
    const candidates = all.filter((c) => Boolean(c.active) !== on);
    if (!candidates.length) {
      void notify('info', `${scope.name[0]!.toUpperCase()}${scope.name.slice(1)} has no ${on ? 'inactive' : 'active'} certificates.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(candidates.map((c) => ({ label: plainText(certName(c)), description: c.id, cert: c })), {
      title: `${title}: ${scope.name}`, placeHolder: `Tick the certificates to ${on ? 'activate' : 'deactivate'} (at most ${MAX_TOGGLE})`, canPickMany: true, ignoreFocusOut: true,
    });
    if (!picked?.length) return undefined;
    if (picked.length > MAX_TOGGLE) {
      void notify('warning', `At most ${MAX_TOGGLE} certificates can be ${on ? 'activated' : 'deactivated'} at once; ${picked.length} were ticked. Nothing was sent.`);
      return undefined;
    }
    certs = picked.map((p) => p.cert);
  }
  const names = certs.length === 1 ? `certificate ${q(certName(certs[0]!))}` : `${certs.length} certificates`;
  return runWrite(ctx, {
    progress: `${on ? 'Activating' : 'Deactivating'} ${names} for ${scope.name}…`,
    // Deactivating can cut off clients that authenticate with the certificate.
    confirm: on ? undefined : {
      message: `Deactivate ${names} for ${scope.name}?`,
      detail: `${certs.map((c) => `${certName(c)} (${c.id})`).join('\n')}\n\nClients that present ${certs.length === 1 ? 'this certificate' : 'these certificates'} are no longer accepted for ${scope.name}.`,
      button: 'Deactivate',
    },
    call: (c) => (on ? scope.activate(c, certs.map((x) => x.id)) : scope.deactivate(c, certs.map((x) => x.id))),
    effects: () => certificateEffects.toggled(scope.projectId),
    done: () => `${on ? 'Activated' : 'Deactivated'} ${names} for ${scope.name}`,
  });
}

export function registerCertificateCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ctx.register('openaiAdmin.certificate.upload', async () => {
      const title = 'Upload Certificate';
      const uris = await vscode.window.showOpenDialog({
        title, openLabel: 'Upload', canSelectMany: false, canSelectFiles: true, canSelectFolders: false,
        filters: { 'PEM certificates': ['pem', 'crt', 'cer', 'cert'], 'All files': ['*'] },
      });
      const uri = uris?.[0];
      if (!uri) return undefined;
      const file = plainText(uri.path.split('/').pop() ?? uri.path);
      let bytes: Uint8Array;
      try {
        // Sized first, so a large file chosen by mistake is never read into memory.
        if ((await vscode.workspace.fs.stat(uri)).size > MAX_CERTIFICATE_BYTES) {
          void notify('error', `${title}: ${file} is larger than ${MAX_CERTIFICATE_BYTES / 1024} KB, so it is not a PEM certificate. Nothing was sent.`);
          return undefined;
        }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (err) {
        void notify('error', `${title}: couldn't read ${file}: ${plainText(describeError(err))}`);
        return undefined;
      }
      const checked = readPemCertificate(bytes);
      if (!checked.ok) {
        void notify('error', `${title}: ${file}: ${checked.problem}`);
        return undefined;
      }
      const name = await ask(title, `Name of the certificate from ${file} (optional)`, { value: certificateNameFrom(uri.path) });
      if (name === undefined) return undefined;
      return runWrite(ctx, {
        progress: `Uploading certificate ${q(name || file)}…`,
        call: (c) => c.certificates.create({ certificate: checked.pem, ...(name ? { name } : {}) }),
        effects: () => certificateEffects.uploaded(),
        done: (cert) => `Uploaded certificate ${q(cert.name || cert.id)} (inactive until activated)`,
      });
    }),

    ctx.register('openaiAdmin.certificate.rename', async (node?: TreeNode) => {
      const t = await certificateOf(ctx, node, 'Rename Certificate');
      if (!t) return undefined;
      const was = certName(t.cert);
      const name = await ask('Rename Certificate', `New name for certificate ${q(was)}`, { value: t.cert.name ?? '', validateInput: (v) => (v.trim() ? undefined : 'A name is required.') });
      if (!name || name === t.cert.name) return undefined;
      return runWrite(ctx, {
        progress: `Renaming certificate ${q(was)}…`,
        call: (c) => c.certificates.update(t.cert.id, { name }),
        effects: () => certificateEffects.renamed(),
        done: () => `Renamed certificate to ${q(name)}`,
      });
    }),

    ctx.register('openaiAdmin.certificate.activate', (node?: TreeNode) => toggle(ctx, node, true)),
    ctx.register('openaiAdmin.certificate.deactivate', (node?: TreeNode) => toggle(ctx, node, false)),

    ctx.register('openaiAdmin.certificate.delete', async (node?: TreeNode) => {
      const t = await certificateOf(ctx, node, 'Delete Certificate');
      if (!t) return undefined;
      const name = certName(t.cert);
      return runWrite(ctx, {
        progress: `Deleting certificate ${q(name)}…`,
        confirm: {
          message: `Delete certificate ${q(name)} from the organization?`,
          detail: `${t.cert.id}\n\nIt must first be deactivated for the organization and every project. This cannot be undone.`,
          button: 'Delete Certificate',
        },
        call: (c) => c.certificates.delete(t.cert.id),
        effects: () => certificateEffects.deleted(t.cert.id),
        done: () => `Deleted certificate ${q(name)}`,
      });
    }),
  ];
}
