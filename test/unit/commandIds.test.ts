// Commands registered at activation with stand-ins (src/commands/lazy.ts, ids in lazyIds.ts) must be exactly the ones
// whose code is in src/commands/ (loaded later), and with the eagerly registered ones they must be
// exactly the commands package.json contributes: a command missing here would be "not found".
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAZY_COMMANDS } from '../../src/commands/lazyIds';

const ROOT = join(__dirname, '..', '..');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const idsIn = (text: string) => [...text.matchAll(/(?:registerCommand|ctx\.register)\(\s*'([^']+)'/g)].map((m) => m[1]!);

describe('command ids: lazy stand-ins, real registrations, manifest', () => {
  // Command families may have a folder of their own (src/commands/orgCode/): every file below counts.
  const lazyDir = (readdirSync(join(ROOT, 'src', 'commands'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && f !== 'lazy.ts' && f !== 'lazyIds.ts');
  const registeredLater = lazyDir.flatMap((f) => idsIn(read(join('src', 'commands', f))));
  const eager = [
    ...idsIn(read('src/extension.ts')),
    ...idsIn(read('src/connections/commands.ts')),
    // Every panel's register.ts (usage, project, accessReview, …) registers its own commands.
    ...readdirSync(join(ROOT, 'src', 'webviews'), { withFileTypes: true }).filter((d) => d.isDirectory())
      .flatMap((d) => [...read(join('src', 'webviews', d.name, 'register.ts')).matchAll(/export const \w+_COMMAND = '([^']+)'/g)].map((m) => m[1]!)),
  ];

  it('the stand-ins are exactly the commands src/commands registers, each once', () => {
    assert.deepEqual([...LAZY_COMMANDS].sort(), [...registeredLater].sort());
    assert.equal(new Set(registeredLater).size, registeredLater.length);
  });

  it('stand-ins and eager commands together are exactly the manifest\'s commands, and none is both', () => {
    const manifest = (JSON.parse(read('package.json')) as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    assert.deepEqual([...LAZY_COMMANDS, ...eager].sort(), [...manifest].sort());
    assert.deepEqual(eager.filter((id) => (LAZY_COMMANDS as readonly string[]).includes(id)), []);
  });
});
