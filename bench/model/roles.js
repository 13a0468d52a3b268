// @ts-check
// Gives some packages a role that matters to the model: the toolchain chain, the heavy builds, setuptools
// and its plugins, and the builds that load plugins. Positions follow a real world's merge list: the
// toolchain and setuptools come early, applications late.

/**
 * @param {import('./prng.js').Rng} rng
 * @param {number} size
 * @param {import('./defaults.js').GraphOptions} options
 * @param {number[][]} deps edited in place
 * @param {Float64Array} build edited in place
 * @param {Float64Array} merge edited in place
 */
export function placeSpecialPackages(rng, size, options, deps, build, merge) {
  /** @param {number} from @param {number} to share of the merge list */
  const position = (from, to) => Math.min(size - 1, Math.floor(size * (from + (to - from) * rng.next())));
  const taken = new Set([0]);
  /** @param {number} from @param {number} to */
  const claim = (from, to) => {
    for (;;) {
      const candidate = position(from, to);
      if (!taken.has(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
  };
  /** @param {number} pkg @param {number} dep */
  const addDep = (pkg, dep) => {
    const list = deps[pkg] ?? [];
    if (dep < pkg && !list.includes(dep)) deps[pkg] = [...list, dep].sort((a, b) => a - b);
  };

  /** @type {number[]} */
  const spine = [];
  for (let k = 0; k < options.spineLength; k++) {
    const span = 0.75 / options.spineLength;
    spine.push(claim(0.01 + k * span, 0.01 + (k + 1) * span));
  }
  spine.forEach((pkg, k) => {
    if (k > 0) addDep(pkg, spine[k - 1] ?? 0);
    build[pkg] = rng.pareto(options.giantMinSec, options.giantAlpha, options.giantMaxSec);
    merge[pkg] = (merge[pkg] ?? 0) * 4;
  });
  /** @type {number[]} */
  const giants = [];
  for (let k = 0; k < options.giants; k++) {
    const pkg = claim(0.2, 0.97);
    giants.push(pkg);
    build[pkg] = rng.pareto(options.giantMinSec, options.giantAlpha, options.giantMaxSec);
    merge[pkg] = (merge[pkg] ?? 0) * 4;
  }

  const isPlugin = new Uint8Array(size);
  const loadsPlugins = new Uint8Array(size);
  const setuptools = claim(0.04, 0.06);
  const plugins = [setuptools];
  for (let k = 1; k < options.plugins; k++) plugins.push(claim(0.06, 0.3));
  for (const pkg of plugins) {
    isPlugin[pkg] = 1;
    loadsPlugins[pkg] = 1;
    build[pkg] = rng.lognormal(options.pluginLoaderMedianSec, 0.8);
    if (pkg !== setuptools) addDep(pkg, setuptools);
  }
  for (let pkg = setuptools + 1; pkg < size; pkg++) {
    if (taken.has(pkg) || rng.next() >= options.pluginLoaderShare) continue;
    loadsPlugins[pkg] = 1;
    build[pkg] = rng.lognormal(options.pluginLoaderMedianSec, 1.0);
    addDep(pkg, setuptools);
    for (const plugin of plugins) if (rng.next() < options.pluginDepShare) addDep(pkg, plugin);
  }
  return { isPlugin, loadsPlugins, spine, giants };
}
