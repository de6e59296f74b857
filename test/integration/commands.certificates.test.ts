// Certificate commands in the extension host against the fake: upload from a PEM file chosen in the
// open dialog (stubbed here: the scripted user in ui.ts answers prompts, not file dialogs), rename,
// activation for the organization and a project, deletion; cancelling sends nothing.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake } from './helpers';
import {
  connectedToFake, fakeState, freshNode, newProject, noWrites, onlyWrite, rowIds, runAsUser as run, uniqueName, v1,
  type FakeStateJson,
} from './fixtures';

type Cert = { id: string; name: string | null; active: boolean; active_projects: string[] };
const state = async () => await fakeState() as FakeStateJson & { certificates: Cert[] };

// The bundle runs from out/integration; the unit tests' TLS fixtures are in the repository.
const FIXTURES = join(__dirname, '..', '..', 'test', 'unit', 'api', 'fixtures');
const PEM = readFileSync(join(FIXTURES, 'localhost-cert.pem'), 'utf8');
const KEY = readFileSync(join(FIXTURES, 'localhost-key.pem'), 'utf8');

function fileWith(name: string, text: string): vscode.Uri {
  const path = join(mkdtempSync(join(tmpdir(), 'cert-upload-')), name);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

/** Answers the open dialog with `uri` (undefined: the admin cancelled) while `fn` runs; records the dialogs shown. */
async function withOpenDialog<T>(uri: vscode.Uri | undefined, fn: () => Promise<T>): Promise<{ result: T; dialogs: vscode.OpenDialogOptions[] }> {
  const win = vscode.window as { showOpenDialog: typeof vscode.window.showOpenDialog };
  const saved = win.showOpenDialog;
  const dialogs: vscode.OpenDialogOptions[] = [];
  win.showOpenDialog = async (options) => {
    dialogs.push(options ?? {});
    return uri && [uri];
  };
  try {
    return { result: await fn(), dialogs };
  } finally {
    win.showOpenDialog = saved;
  }
}

const upload = (name: string) => v1<Cert>('POST', '/organization/certificates', { certificate: PEM, name });

describe('commands: certificates', function () {
  this.timeout(60_000);
  connectedToFake();

  it('uploads a PEM file chosen in the open dialog, named after the file, inactive', async () => {
    await freshNode('certificates');
    await fake.clearRequests();
    const { result: out, dialogs } = await withOpenDialog(fileWith('client-mtls.pem', `Issued for CI\n${PEM}`),
      () => run('openaiAdmin.certificate.upload', [{ input: (prefilled) => prefilled! }]));
    assert.equal(dialogs.length, 1);
    assert.equal(dialogs[0].canSelectMany, false);
    assert.equal(out.user.of('input')[0].prefilled, 'client-mtls');
    const sent = await onlyWrite('POST', '/organization/certificates');
    assert.deepEqual(sent.body, { certificate: PEM.replace(/\r\n/g, '\n').trim() + '\n', name: 'client-mtls' });
    const cert = (await state()).certificates.find((c) => c.id === (out.result as { id: string }).id);
    assert.ok(cert);
    assert.deepEqual([cert.name, cert.active], ['client-mtls', false]);
    assert.ok((await rowIds('certificates')).includes(`certificates/${cert.id}`), 'the Certificates folder was not refreshed');
  });

  it('refuses a private key file with a clear error and sends nothing; cancelling the dialog sends nothing', async () => {
    const refused = await withOpenDialog(fileWith('server.key', KEY), () => run('openaiAdmin.certificate.upload', []));
    assert.equal(refused.result.user.errors.length, 1);
    assert.match(refused.result.user.errors[0], /^Upload Certificate: server\.key: The file contains a private key\. Upload only the certificate: nothing was sent\.$/);
    const notPem = await withOpenDialog(fileWith('notes.txt', 'hello'), () => run('openaiAdmin.certificate.upload', []));
    assert.match(notPem.result.user.errors[0], /holds no PEM certificate/);
    const cancelled = await withOpenDialog(undefined, () => run('openaiAdmin.certificate.upload', []));
    assert.deepEqual(cancelled.result.user.errors, []);
    await noWrites();
  });

  it('renames a certificate', async () => {
    const cert = await upload(uniqueName('edge'));
    const row = await freshNode(`certificates/${cert.id}`);
    await fake.clearRequests();
    const name = uniqueName('edge renamed');
    await run('openaiAdmin.certificate.rename', [{ input: name }], row);
    assert.deepEqual((await onlyWrite('POST', `/organization/certificates/${cert.id}`)).body, { name });
    assert.equal((await state()).certificates.find((c) => c.id === cert.id)!.name, name);
  });

  it('activates for the organization, deactivates after a confirmation, then deletes after one', async () => {
    const cert = await upload(uniqueName('org cert'));
    let row = await freshNode(`certificates/${cert.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.certificate.activate', [], row);
    assert.deepEqual((await onlyWrite('POST', '/organization/certificates/activate')).body, { certificate_ids: [cert.id] });
    assert.equal((await state()).certificates.find((c) => c.id === cert.id)!.active, true);

    row = await freshNode(`certificates/${cert.id}`);
    assert.match(row.spec.contextValue ?? '', /\bactive\b/);
    await fake.clearRequests();
    await run('openaiAdmin.certificate.deactivate', [{ confirm: false }], row);
    await noWrites();
    const { user } = await run('openaiAdmin.certificate.deactivate', [{ confirm: true }], row);
    assert.equal(user.of('confirm')[0].text, `Deactivate certificate “${cert.name}” for the organization?`);
    assert.deepEqual((await onlyWrite('POST', '/organization/certificates/deactivate')).body, { certificate_ids: [cert.id] });
    assert.equal((await state()).certificates.find((c) => c.id === cert.id)!.active, false);

    row = await freshNode(`certificates/${cert.id}`);
    await fake.clearRequests();
    await run('openaiAdmin.certificate.delete', [{ confirm: false }], row);
    await noWrites();
    const deleted = await run('openaiAdmin.certificate.delete', [{ confirm: true }], row);
    assert.equal(deleted.user.of('confirm')[0].text, `Delete certificate “${cert.name}” from the organization?`);
    await onlyWrite('DELETE', `/organization/certificates/${cert.id}`);
    assert.ok(!(await state()).certificates.some((c) => c.id === cert.id));
    assert.ok(!(await rowIds('certificates')).includes(row.id));
  });

  it('shows the API’s refusal to delete an active certificate and changes nothing', async () => {
    const cert = await upload(uniqueName('still active'));
    await v1('POST', '/organization/certificates/activate', { certificate_ids: [cert.id] });
    const row = await freshNode(`certificates/${cert.id}`);
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.certificate.delete', [{ confirm: true }], row);
    assert.equal(user.errors.length, 1);
    assert.match(user.errors[0], new RegExp(`^Deleting certificate “${cert.name}” failed: 400 The certificate must be inactive`));
    assert.ok((await state()).certificates.some((c) => c.id === cert.id));
    assert.ok((await rowIds('certificates')).includes(row.id));
    await v1('POST', '/organization/certificates/deactivate', { certificate_ids: [cert.id] });
  });

  it('activates certificates for a project from the palette (a multi-select of the inactive ones), and deactivates there', async () => {
    const p = await newProject();
    const [a, b] = [await upload(uniqueName('proj cert a')), await upload(uniqueName('proj cert b'))];
    await vscode.commands.executeCommand('openaiAdmin.refresh');
    await fake.clearRequests();
    await run('openaiAdmin.certificate.activate', [{ pick: '$(project) Project…' }, { search: p.id }, { pick: [a.name!, b.name!] }]);
    const sent = await onlyWrite('POST', `/organization/projects/${p.id}/certificates/activate`);
    assert.deepEqual((sent.body as { certificate_ids: string[] }).certificate_ids.sort(), [a.id, b.id].sort());
    const certs = (await state()).certificates;
    for (const c of [a, b]) assert.deepEqual(certs.find((x) => x.id === c.id)!.active_projects, [p.id]);

    const row = await freshNode(`projects/${p.id}/certificates/${a.id}`);
    await fake.clearRequests();
    const { user } = await run('openaiAdmin.certificate.deactivate', [{ confirm: true }], row);
    assert.match(user.of('confirm')[0].text, /^Deactivate certificate “.*” for project “/);
    await onlyWrite('POST', `/organization/projects/${p.id}/certificates/deactivate`);
    assert.deepEqual((await state()).certificates.find((x) => x.id === a.id)!.active_projects, []);
  });
});
