import { basename } from 'node:path';
import type { IncompleteDistribution } from './incomplete.js';
import type { Finding } from './types.js';

const SHOWN = 5;

/** An incomplete distribution as a finding: what is missing and which builds it breaks. */
export function incompleteFinding(found: IncompleteDistribution): Finding {
  const { distribution, missing, installer } = found;
  const version = /-([^-]*\d[^-]*)\.(?:dist|egg)-info$/.exec(basename(found.metadata))?.[1];
  const listed =
    missing.slice(0, SHOWN).join(', ') + (missing.length > SHOWN ? `, … (${missing.length} in all)` : '');
  const source = found.declaredOnly ? 'what its metadata declares' : 'its RECORD';
  const reinstall =
    installer === 'pip' || installer === 'uv' || installer === null
      ? `\`pip install --force-reinstall --no-deps '${distribution}${version ? `==${version}` : ''}'\``
      : `reinstalling it with ${installer}`;
  return {
    kind: 'incomplete',
    path: found.metadata,
    distribution,
    installer,
    breaks: true,
    paths: missing,
    why: `${distribution}'s metadata is installed but not all of ${source}: missing or short ${listed}. Every build that imports it or loads its entry points fails every time (ModuleNotFoundError, or a SyntaxError from a short file), and since nothing is moving \`plugin-settle run\` rightly calls it not a race; ${reinstall} repairs it`,
    fix: null,
  };
}
