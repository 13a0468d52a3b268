export interface DeclaredEntryPoint {
  group: string;
  name: string;
  value: string;
  module: string;
  attribute: string | null;
}

const MODULE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

/**
 * `entry_points.txt` as importlib.metadata reads it: `[group]` sections of `name = module:attr [extras]`.
 * Lines whose value is not a dotted name are left out: `bad-entry-points` is the classifier's concern.
 */
export function parseEntryPoints(text: string): DeclaredEntryPoint[] {
  const found: DeclaredEntryPoint[] = [];
  let group: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      group = section[1]!.trim();
      continue;
    }
    const equals = line.indexOf('=');
    if (group === null || equals < 0) continue;
    const value = line.slice(equals + 1).trim();
    const target = value.split('[')[0]!.trim();
    const [module, attribute] = target.split(':').map((part) => part.trim());
    if (!module || !MODULE.test(module)) continue;
    found.push({
      group,
      name: line.slice(0, equals).trim(),
      value,
      module,
      attribute: attribute || null,
    });
  }
  return found;
}
