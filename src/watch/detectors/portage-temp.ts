import { byName } from './by-name.js';

/** movefile's hardlink temp `.<name>._portage_merge_.<pid>…` and its cross-device copy `<name>#new`. */
export const portageTempDetector = byName(
  'portage-temp',
  (name) => /^\..+\._portage_merge_\./.test(name) || name.endsWith('#new'),
);
