/**
 * What a build step reports about itself when it ends: the CPU time of its process and of the
 * children it waited for (Pagefind's indexer is one), and its own peak memory.
 */
import fs from 'node:fs';

/** CPU seconds of the children this process has waited for (Linux: /proc/self/stat cutime + cstime). */
function waitedChildrenCpuSeconds(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5), counted from the state (field 3) here; in clock ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

export function processMeasurements(): { cpuSeconds: number; maxRssBytes: number } {
  const usage = process.resourceUsage();
  return {
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 + waitedChildrenCpuSeconds(),
    maxRssBytes: usage.maxRSS * 1024,
  };
}

/** Resolves once this process has no child left (Linux: /proc/self/task/<tid>/children), or after `limitMs`. */
export async function childrenEnded(limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  const children = () => {
    try {
      return fs.readdirSync('/proc/self/task').some((tid) => fs.readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim() !== '');
    } catch {
      return false;
    }
  };
  while (children() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
