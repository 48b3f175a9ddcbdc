// Memory of a process tree from /proc (Linux): the soak samples the launcher, the worker, Next and
// PostgreSQL every 10 s. Node processes: RSS. PostgreSQL: PSS summed over the postmaster and its
// backends (each backend's RSS counts the shared buffers it touched, so a sum of RSS would count
// them many times over), split into its own memory (Pss_Anon + Pss_File) and the shared memory
// (Pss_Shmem: shared_buffers, filling up to their configured size as pages are read).
import fs from "node:fs";

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** Every process visible in /proc with its parent and command line. */
export function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command in parentheses may hold spaces; fields after it are space-separated.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline });
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

/** `root` and all its descendants. */
export function processTree(processes: readonly ProcInfo[], root: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const tree: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusKb(pid: number, file: "status" | "smaps_rollup", key: string): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of one process, MB. */
export const rssMb = (pid: number): number => statusKb(pid, "status", "VmRSS") / 1024;

/** A proportional-set-size figure of /proc/<pid>/smaps_rollup summed over processes, MB (shared pages divided among their users). */
export const pssMb = (pids: readonly number[], field: "Pss" | "Pss_Anon" | "Pss_File" | "Pss_Shmem" = "Pss"): number =>
  pids.reduce((sum, pid) => sum + statusKb(pid, "smaps_rollup", field), 0) / 1024;
