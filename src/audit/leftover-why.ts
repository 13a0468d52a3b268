import { basename } from 'node:path';
import { unwrapStagingName } from '../watch/staging.js';

/** The installer behind a detector's kind, as a user would name it. */
export function installerOfKind(kind: string): string {
  if (kind === 'portage-temp' || kind === 'portage-lock') return 'portage';
  if (kind === 'dpkg-lock') return 'dpkg';
  return kind;
}

/** Why a dead installer's temp name matters, by installer: what it says about the files around it. */
export function leftoverWhy(installer: string, path: string): string {
  const name = basename(path);
  const target = `\`${unwrapStagingName(name)}\``;
  if (isMetadataShaped(name))
    return `a stash of metadata left by a dead ${installer}: importlib.metadata and pkg_resources read it as a distribution named '${name.split(/-\d/)[0]}' (pip warns "Ignoring invalid distribution" on every run), and its entry points still load`;
  switch (installer) {
    case 'pip':
      if (name.startsWith('pip-'))
        return 'a temp directory pip did not clean up: harmless to builds, only space';
      if (name.endsWith('.tmp'))
        return 'pip died while writing this metadata: the distribution it belongs to has no RECORD (see its incomplete finding)';
      return `pip stashed this while uninstalling or upgrading and died before it finished: the distribution it replaced may be half-removed; reinstall it`;
    case 'uv':
      return 'uv died while replacing files through this directory: the distribution it was installing may be incomplete; reinstall it';
    case 'dpkg':
      return `dpkg stopped between unpacking and renaming: ${target} may still be the old version or missing; \`dpkg --configure -a\` or reinstalling the package finishes it`;
    case 'rpm':
      return `rpm stopped mid-transaction: ${target} may be old or missing; reinstall the package (\`rpm -V\` lists what differs)`;
    case 'portage':
      if (name.startsWith('-MERGING-'))
        return 'an emerge died mid-merge: the package is partly merged and the vdb has no entry for it; re-emerge it';
      return `emerge died before renaming its temp copy over ${target}: the merge of that package is incomplete; re-emerge it`;
    case 'atomic-install':
      return `atomic-install died mid-merge: ${target} may be old or missing`;
    case 'plugin-settle':
      if (name.startsWith('.plugin-settle-journal.'))
        return 'a `plugin-settle merge` died: until `plugin-settle merge --recover` finishes or undoes it, the root may hold a mix of the old and the new tree';
      return 'staging left by a dead `plugin-settle merge`: no longer part of any tree';
    default:
      return `a temp name of ${installer} that no live installer owns`;
  }
}

export function isMetadataShaped(name: string): boolean {
  return name.endsWith('.dist-info') || name.endsWith('.egg-info');
}

export const LIVE_WHY =
  'an installer is writing here now: a build started meanwhile may see half-merged files (`plugin-settle run` waits for it)';
