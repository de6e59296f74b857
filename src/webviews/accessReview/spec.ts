// What the Access Review panel is, for the wiring that opens it at activation; the panel's code
// (./panel) is loaded only when it first opens.
import * as vscode from 'vscode';
import type { PanelSpec } from '../panel';
import { ACCESS_REVIEW_VIEW_TYPE } from './protocol';

export const ACCESS_REVIEW_PANEL: PanelSpec = {
  viewType: ACCESS_REVIEW_VIEW_TYPE,
  // Read when a panel opens, so it is in VS Code's display language.
  get title() { return vscode.l10n.t('Access Review'); },
  entry: 'accessReview',
  styles: ['shared/base.css', 'accessReview/accessReview.css'],
};
