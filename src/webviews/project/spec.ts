// What the Project panel is, for the wiring that opens it at activation; the panel's code (./panel)
// is loaded only when one first opens.
import * as vscode from 'vscode';
import type { PanelSpec } from '../panel';
import { PROJECT_VIEW_TYPE } from './protocol';

export const PROJECT_PANEL: PanelSpec = {
  viewType: PROJECT_VIEW_TYPE,
  // Read when a panel opens, so it is in VS Code's display language.
  get title() { return vscode.l10n.t('Project'); },
  entry: 'project',
  styles: ['shared/base.css', 'project/project.css'],
};
