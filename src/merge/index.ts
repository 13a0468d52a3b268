// The installer side of plugin-settle: an atomic, crash-safe merge and the markers that tell
// wrappers (and cooperating merges) what is going on in a root.
export { type BuildMarker, holdBuildMarkers, listBuildMarkers, waitForBuilds } from './build-markers.js';
export { holdForBuild } from './hold.js';
export { DEFAULT_STALE_AFTER_MS, type MergeMarkerState, readMergeMarker } from './marker.js';
export { DEFAULT_MERGE_MAX_WAIT_MS, type MergeOptions, type MergeResult, merge } from './merge.js';
export { isMetadataPath, isStagingName } from './names.js';
export type { MarkerOwner } from './owner.js';
export { type RecoverResult, recover } from './recover.js';
