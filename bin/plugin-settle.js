#!/usr/bin/env node
// The builtins by process.getBuiltinModule, not `import`: an ESM import of a builtin builds a facade
// over all its exports, which costs every wrapped build start-up (see scripts/build.js).
const { lstatSync, mkdirSync } = process.getBuiltinModule('node:fs');
const module = process.getBuiltinModule('node:module');
const { tmpdir } = process.getBuiltinModule('node:os');
const { join } = process.getBuiltinModule('node:path');

// Start-up: on Node >= 22.1 keep V8's compiled code for dist/ between runs (the module compile
// cache), which spares every wrapped build the parse and compile of the bundle. Node writes each
// entry to a temp file and renames it in, and checks it on read, so concurrent wrappers share one
// directory safely. Ours is private to the user and out of the way: $XDG_CACHE_HOME/plugin-settle,
// else the temp dir. NODE_COMPILE_CACHE (the user's own directory: Node enabled it already) and
// NODE_DISABLE_COMPILE_CACHE are respected; a directory we cannot trust means no cache, never an error.
if (module.enableCompileCache && !process.env.NODE_COMPILE_CACHE && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  const uid = process.getuid?.() ?? 'user';
  const xdg = process.env.XDG_CACHE_HOME;
  const dir = xdg
    ? join(xdg, 'plugin-settle', 'compile-cache')
    : join(tmpdir(), `plugin-settle-compile-cache-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    // In a shared temp dir, someone else's directory of that name could feed us compiled code.
    if (stat.isDirectory() && (uid === 'user' || stat.uid === uid) && (stat.mode & 0o022) === 0)
      module.enableCompileCache(dir);
  } catch {}
}
await import('../dist/cli.js');
