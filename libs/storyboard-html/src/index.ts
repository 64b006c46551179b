export {
  MAX_PANEL_TEXT,
  SHOT_LABELS,
  UNKNOWN_SPEAKER,
  panelWidths,
  renderStoryboardHtml,
  renderStoryboardParts,
} from './render-storyboard-html';
export type { StoryboardParts } from './render-storyboard-html';
export type { CssScope } from './storyboard-html.css';
export { ENGLISH_LABELS, labelsFor } from './html-labels';
export type { Labels, ShotLabel } from './html-labels';
export { escapeHtml, formatCount, truncateText } from './html-text';
