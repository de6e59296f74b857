// Import first, before any module that imports `vscode` (the tree's node kinds call `vscode.l10n.t`):
// installs the `vscode` stand-in as a side effect, so plain-Node tests can import those modules statically.
import { installVscodeStub } from './vscodeStub';

installVscodeStub();
