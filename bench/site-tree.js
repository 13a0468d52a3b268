// The generated site-packages the monitor and audit benchmarks share: PACKAGES packages of 50 files
// each (46 modules in 4 subpackages + __init__ + 3 metadata files), made once and reused.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FILES_PER_PACKAGE = 50;

/**
 * `pipLike`: each distribution also has an INSTALLER (so its RECORD is held to the files' sizes) and
 * declares a console script naming one of its modules.
 */
export function generateSitePackages(tree, packages, { pipLike = false } = {}) {
  if (existsSync(join(tree, '.complete'))) return;
  console.error(`generating ${packages} packages / ${packages * FILES_PER_PACKAGE} files in ${tree} …`);
  mkdirSync(tree, { recursive: true });
  const body = 'def f(x):\n    return x\n'.repeat(20);
  for (let p = 0; p < packages; p++) {
    const pkg = join(tree, `pkg${p}`);
    const record = [];
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, '__init__.py'), body);
    record.push(`pkg${p}/__init__.py,,${body.length}`);
    for (let s = 0; s < 4; s++) {
      mkdirSync(join(pkg, `sub${s}`), { recursive: true });
      for (let m = 0; m < (s < 2 ? 12 : 11); m++) {
        const name = s === 0 && m === 0 ? '__init__.py' : `mod${m}.py`;
        writeFileSync(join(pkg, `sub${s}`, name), body);
        record.push(`pkg${p}/sub${s}/${name},,${body.length}`);
      }
    }
    const info = join(tree, `pkg${p}-1.0.dist-info`);
    mkdirSync(info, { recursive: true });
    writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: pkg${p}\nVersion: 1.0\n`);
    writeFileSync(join(info, 'top_level.txt'), `pkg${p}\n`);
    if (pipLike) {
      const text = `[console_scripts]\npkg${p} = pkg${p}.sub0.mod3:f\n`;
      writeFileSync(join(info, 'entry_points.txt'), text);
      writeFileSync(join(info, 'INSTALLER'), 'pip\n');
      record.push(
        `pkg${p}-1.0.dist-info/entry_points.txt,,${text.length}`,
        `pkg${p}-1.0.dist-info/INSTALLER,,4`,
      );
    }
    writeFileSync(join(info, 'RECORD'), `${record.join('\n')}\npkg${p}-1.0.dist-info/RECORD,,\n`);
  }
  writeFileSync(join(tree, '.complete'), '');
}
