// The manifest side of "Apply is disabled in an untrusted workspace": the command's enablement, every
// menu that shows it, and the declared capability. (The command's own check is the other half.)
import assert from 'node:assert/strict';
import { localizedManifest } from './localizedManifest';

interface Menu { command: string; when?: string }
const pkg = localizedManifest<{
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: { commands: Array<{ command: string; category?: string; icon?: string; enablement?: string }>; menus: Record<string, Menu[]> };
}>();
const APPLY = 'openaiAdmin.orgCode.apply';
const ORG_CODE = ['export', 'compare', 'plan', 'apply', 'copyProjectSettings'].map((c) => `openaiAdmin.orgCode.${c}`);

describe('manifest: organization-as-code commands', () => {
  it('Apply is disabled in an untrusted workspace: enablement, and every menu that lists it', () => {
    const apply = pkg.contributes.commands.find((c) => c.command === APPLY);
    assert.match(apply?.enablement ?? '', /\bisWorkspaceTrusted\b/);
    const menus = Object.entries(pkg.contributes.menus).flatMap(([where, items]) => items.filter((m) => m.command === APPLY).map((m) => [where, m.when ?? ''] as const));
    assert.ok(menus.length >= 3, 'editor title, editor context, file explorer, palette');
    for (const [where, when] of menus) assert.match(when, /\bisWorkspaceTrusted\b/, `${where}: ${when}`);
  });

  it('declares limited support for untrusted workspaces, saying Apply is disabled there', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.match(u.description ?? '', /Apply .* disabled/);
  });

  it('each command has the category; the ones in title bars have icons; the palette shows file commands only for an org file', () => {
    for (const id of ORG_CODE) {
      const c = pkg.contributes.commands.find((x) => x.command === id);
      assert.equal(c?.category, 'OpenAI Admin', id);
    }
    for (const m of pkg.contributes.menus['editor/title']!.filter((x) => ORG_CODE.includes(x.command))) {
      assert.ok(pkg.contributes.commands.find((x) => x.command === m.command)?.icon, `${m.command} in the editor title needs an icon`);
      assert.match(m.when ?? '', /resourceFilename =~ \/\\\.openai-org/);
    }
    for (const id of ['compare', 'plan', 'apply'].map((c) => `openaiAdmin.orgCode.${c}`)) {
      const palette = pkg.contributes.menus.commandPalette!.find((m) => m.command === id);
      assert.match(palette?.when ?? '', /resourceFilename =~ /, id);
    }
  });
});
