/**
 * Installers' staging names wrap the final name; stripping the wrapping lets a temp entry such as
 * `pbr.dpkg-new` or `.pbr._portage_merge_.123abc` count as relevant to `pbr`. pip's stash `~br`
 * replaces leading characters, so it is matched by suffix instead (see `isPipStashOf`).
 */
const WRAPPERS: RegExp[] = [
  /^(.+)\.dpkg-(?:new|tmp)$/,
  /^(.+);[0-9a-f]{8}$/,
  /^(.+)#new$/,
  /^\.(.+)\._portage_merge_\..*$/,
  /^\.[a-z]{6}~(.+)\.(?:new|old)$/,
  /^\.MERGING-(.+)$/,
  /^\.plugin-settle-new\.[^.]+\.(.+)$/,
];

export function unwrapStagingName(entry: string): string {
  for (const wrapper of WRAPPERS) {
    const match = wrapper.exec(entry);
    if (match) return match[1]!;
  }
  return entry;
}

/** pip's AdjacentTempDirectory: `~` then the name with its first characters replaced by `-~.=%0-9`. */
export function isPipStashOf(entry: string, name: string): boolean {
  if (!entry.startsWith('~') || entry.length < 2) return false;
  const rest = entry.slice(1).replace(/^[-~.=%0-9]*/, '');
  return rest.length > 0 && name.endsWith(rest) && name.length - rest.length <= entry.length - rest.length;
}
