// What the Access Review panel is, for the wiring that opens it at activation; the panel's code
// (./panel) is loaded only when it first opens.
import type { PanelSpec } from '../panel';
import { ACCESS_REVIEW_VIEW_TYPE } from './protocol';

export const ACCESS_REVIEW_PANEL: PanelSpec = {
  viewType: ACCESS_REVIEW_VIEW_TYPE,
  title: 'Access Review',
  entry: 'accessReview',
  styles: ['shared/base.css', 'accessReview/accessReview.css'],
};
