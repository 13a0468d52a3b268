import { hostname } from 'node:os';

/** Who holds a marker: written into the merge marker's owner.json and into each build marker. */
export interface MarkerOwner {
  pid: number;
  host: string;
  started: string;
  image?: string;
  tool: string;
}

export function currentOwner(extra: { image?: string } = {}): MarkerOwner {
  return {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    tool: 'plugin-settle',
    ...extra,
  };
}

// EPERM means the pid exists under another user: alive, just not ours to signal.
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A marker whose owner ran on this host and is gone is a crash leftover, never something to wait on. */
export function isOwnerDead(owner: MarkerOwner): boolean {
  return owner.host === hostname() && Number.isInteger(owner.pid) && owner.pid > 0 && !isPidAlive(owner.pid);
}

export function parseOwner(text: string): MarkerOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<MarkerOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return {
      pid: value.pid,
      host: value.host,
      started: String(value.started ?? ''),
      tool: String(value.tool ?? 'unknown'),
      ...(value.image === undefined ? {} : { image: String(value.image) }),
    };
  } catch {
    return undefined;
  }
}
