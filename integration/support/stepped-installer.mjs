// A test installer that merges a plugin image into a root one step per line on stdin, so race tests
// sequence "metadata is there, code is not" exactly, without sleeps. Answers `done <line>` per step.
//
//   node stepped-installer.mjs <image> <root>
//   steps: metadata | busy | code | truncate <path> <bytes> | finish | marker | release | pause <ms> | exit
//
// `metadata` copies the *.dist-info / *.egg-info dirs (without RECORD) and *.pth files: the order that
// breaks builds. `finish` adds RECORD and releases the marker. `marker` takes plugin-settle's merge marker.
// `busy` leaves a pip-style temp name in the root until `finish`: an installer that shows it is at work
// (a pause longer than the settle time with no such sign is a crashed install, issue 15).
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const [image, root] = process.argv.slice(2);
const isMetadata = (entry) => /\.(dist-info|egg-info|pth)$/.test(entry);
const marker = join(root, '.plugin-settle-merge');
const busy = join(root, 'stepped-installer.tmp');

async function copyEntries(keep, filter = () => true) {
  for (const entry of await readdir(image)) {
    if (keep(entry)) await cp(join(image, entry), join(root, entry), { recursive: true, filter });
  }
}

const steps = {
  metadata: () => copyEntries(isMetadata, (src) => !src.endsWith('/RECORD')),
  code: () => copyEntries((entry) => !isMetadata(entry)),
  async truncate(path, bytes) {
    const text = await readFile(join(image, path));
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text.subarray(0, Number(bytes)));
  },
  busy: () => writeFile(busy, ''),
  async finish() {
    await copyEntries(isMetadata);
    await rm(busy, { force: true });
    await rm(marker, { recursive: true, force: true });
  },
  async marker() {
    await mkdir(marker);
    const owner = {
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
      image,
      tool: 'stepped-installer',
    };
    await writeFile(join(marker, 'owner.json'), JSON.stringify(owner));
  },
  release: () => rm(marker, { recursive: true, force: true }),
  pause: (ms) => sleep(Number(ms)),
  exit: () => process.exit(0),
};

for await (const line of createInterface({ input: process.stdin })) {
  const [name, ...args] = line.trim().split(/\s+/);
  if (!name) continue;
  const step = steps[name];
  if (!step) {
    process.stdout.write(`failed ${line}: unknown step\n`);
    continue;
  }
  try {
    await step(...args);
    process.stdout.write(`done ${line.trim()}\n`);
  } catch (error) {
    process.stdout.write(`failed ${line.trim()}: ${error.message}\n`);
  }
}
