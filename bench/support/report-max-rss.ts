// Preloaded (`node --import`) into a child process the bench measures: at exit it writes that process's own peak
// resident set size (getrusage's maxRSS, in KiB) to the file named by BENCH_MAX_RSS_FILE. Measured from inside, so
// no wrapper process (npx, tsx's launcher, /usr/bin/time) is counted instead of it.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_MAX_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
