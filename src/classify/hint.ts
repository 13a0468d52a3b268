import type { Classification } from './types.js';

function moduleNames(c: Classification): string {
  if (!c.topLevel) return 'the module';
  return `\`${c.topLevel}/\` or \`${c.topLevel}.py\``;
}

function metadataNames(c: Classification): string {
  return c.distribution ? `\`${c.distribution}\`'s *.dist-info/*.egg-info` : 'a *.dist-info/*.egg-info';
}

function fileNames(c: Classification): string {
  if (c.files.length > 0)
    return c.files
      .slice(0, 3)
      .map((file) => `\`${file}\``)
      .join(', ');
  return c.topLevel ? moduleNames(c) : 'the file';
}

// When nothing moved, a broken installation gives the same failure on every build: audit names it.
const AUDIT = '`plugin-settle audit` lists half-finished installs';

/**
 * What the live wrapper would have to see in the watched roots to call this failure a merge race,
 * and, for the not-a-race answer, where a broken installation would show.
 */
export function raceEvidenceHint(c: Classification): string {
  const window = 'within the window before the failure, or a merge was still in progress';
  switch (c.category) {
    case 'missing-module':
      return `A race if ${moduleNames(c)} or the metadata of the distribution that provides it changed in site-packages ${window}; if nothing there moved, ${c.module ? `'${c.module}'` : 'the module'} is not installed, or its install is broken (metadata without code): ${AUDIT}.`;
    case 'missing-name':
      return `A race if ${moduleNames(c)} was being rewritten in site-packages ${window}; otherwise the installed ${c.module ? `'${c.module}'` : 'module'} really lacks that name (an incompatible version, or two versions mixed: ${AUDIT}).`;
    case 'truncated-source':
      return `A race only if ${fileNames(c)} lies under a watched site-packages and changed ${window}; a syntax error in a file that did not move is a real bug, or a file an interrupted install left short (${AUDIT}).`;
    case 'corrupt-bytecode':
      return `A race if ${fileNames(c)} or its __pycache__ was being written ${window}; a bad .pyc that did not move needs deleting, not a retry.`;
    case 'missing-metadata':
      return `A race if ${metadataNames(c)} appeared, vanished or changed in site-packages ${window}; otherwise the distribution is missing, the wrong version, or installed twice (${AUDIT}).`;
    case 'bad-entry-points':
      return `A race if ${metadataNames(c)} entry_points.txt was being written ${window}; an entry_points.txt that did not move is broken for good (${AUDIT}).`;
    default:
      return 'Nothing in it points at a half-installed plugin, so no change in site-packages would make it a race: never retried.';
  }
}
