/** The kinds of trouble `audit` finds; each finding says which builds it breaks and how. */
export type FindingKind =
  | 'incomplete'
  | 'entry-point'
  | 'leftover'
  | 'merge-in-progress'
  | 'stale-marker'
  | 'duplicate';

/** Who may clean a finding up: our own names (always, when provably dead), others' (with --yes). */
export type FixOwner = 'ours' | 'others';

export interface EntryPointDetail {
  group: string;
  name: string;
  /** `module:attr` as written in entry_points.txt. */
  value: string;
  module: string;
  attribute: string | null;
  /** The module's own words: what was not found (a parent package, or the module itself). */
  missing: string | null;
  /** `not-checked` unless `--import`: finding an attribute means running the plugin's code. */
  attributeCheck: 'not-checked' | 'found' | 'missing' | 'import-failed' | 'no-attribute';
  importError: string | null;
}

export interface Finding {
  kind: FindingKind;
  path: string;
  /** Normalised-as-written distribution name, when the finding belongs to one. */
  distribution: string | null;
  /** The installer that wrote it (INSTALLER, or the one whose temp names these are), when known. */
  installer: string | null;
  /** True when a build would fail because of it: `audit` then exits 1. */
  breaks: boolean;
  /** Which builds fail and how, in one or two sentences. */
  why: string;
  /** Files missing or short (incomplete), other metadata directories (duplicate). */
  paths?: string[];
  entryPoint?: EntryPointDetail;
  /** Leftovers and markers: untouched for stale-after, or whose owner is dead. */
  stale?: boolean;
  /** What `--fix` may do about it, or null when only the user can (reinstall, remove by hand). */
  fix: { owner: FixOwner; action: 'remove' | 'recover' } | null;
}

export interface AuditOptions {
  python?: string;
  /** Extra roots besides the interpreter's site-packages. */
  watch?: readonly string[];
  staleAfterMs?: number;
  /** Import each entry point's module to check its attribute: runs the plugins' code. */
  importModules?: boolean;
  /**
   * Compare every RECORDed file's size (a stat each: a short file is a half-written one). Without it
   * only distributions changed within stale-after are sized; every file's presence is always checked.
   */
  sizes?: boolean;
  /** Portage EROOT for `-MERGING-` entries (default $EROOT or /). */
  portageRoot?: string;
}

export interface AuditReport {
  version: 1;
  python: string | null;
  roots: string[];
  attributes: 'checked' | 'not-checked';
  findings: Finding[];
  warnings: string[];
  /** True when any finding breaks a build. */
  breaks: boolean;
}
