// Preloaded (`node --import`) into a child process the bench measures: at exit it writes that process's own peak
// resident set size (getrusage's maxRSS, KiB) and CPU time (user + system, µs) as JSON to the file named by
// BENCH_MAX_RSS_FILE. Measured from inside, so no wrapper process (npx, tsx's launcher, /usr/bin/time) is counted
// instead of it. CPU time is what a loaded machine does not stretch, as it does the wall time.
import { writeFileSync } from 'node:fs';

export interface ProcessReport {
  maxRssKib: number;
  cpuMicros: number;
}

const target = process.env.BENCH_MAX_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report: ProcessReport = { maxRssKib: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime };
    writeFileSync(target, JSON.stringify(report));
  });
}
