// What the Usage & Costs panel is, for the wiring that opens it at activation; the panel's code
// (./panel) is loaded only when it first opens.
import * as vscode from 'vscode';
import type { Selection } from '../../model/usage/types';
import type { PanelSpec } from '../panel';
import { USAGE_VIEW_TYPE } from './protocol';

export const USAGE_PANEL: PanelSpec = {
  viewType: USAGE_VIEW_TYPE,
  // Read when a panel opens, so in the display language (this object is made before activation configures it).
  get title() {
    return vscode.l10n.t('Usage & Costs');
  },
  entry: 'usage',
  styles: ['shared/base.css', 'usage/usage.css'],
};

export function projectSelection(projectId: string): Partial<Selection> {
  return { filters: { project_ids: [projectId] } };
}
