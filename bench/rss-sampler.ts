/**
 * Peak resident memory of processes over one phase of a benchmark. The kernel's own peak (VmHWM)
 * counts from the start of the process, so in a run of several phases every later phase would
 * report the largest earlier one; sampling VmRSS gives each phase its own peak.
 */
import { readFileSync } from 'node:fs';

const SAMPLE_EVERY_MS = 250;

/** Resident memory of a process (Linux VmRSS), in bytes; 0 when it cannot be read. */
function residentBytes(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Starts sampling the named processes; `stop()` ends it and gives each one's peak, in bytes. */
export function samplePeakRss<Name extends string>(
  pids: Record<Name, number | undefined>,
): { stop(): Record<Name, number> } {
  const names = Object.keys(pids) as Name[];
  const peaks = Object.fromEntries(names.map((name) => [name, 0])) as Record<Name, number>;
  const sample = () => {
    for (const name of names) peaks[name] = Math.max(peaks[name], residentBytes(pids[name]));
  };
  sample();
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peaks };
    },
  };
}
