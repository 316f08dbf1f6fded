import { readFileSync } from 'node:fs';

/** The parent of `pid` from /proc (Linux); undefined where /proc is missing or the process is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` once the process that started this one has gone: when the parent changes, or, where
 * /proc tells (Linux), when the grandparent does. The second matters under npx, which runs a bin through
 * `sh -c`: killing npx leaves that shell waiting, and only the grandparent shows that npx has gone.
 */
export function onParentGone(onGone: () => void): void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    if (process.ppid !== parent || (grandparent !== undefined && parentOf(parent) !== grandparent)) {
      clearInterval(timer);
      onGone();
    }
  }, 250);
  timer.unref();
}
