// Preloaded by the benchmark (`node --import`) into every process it times: at exit, the
// process's own CPU time (user + system, every thread: workers, GC and compiler included),
// its peak resident memory and its minor page faults go to the file ETOMSIM_BENCH_USAGE
// names, as JSON. The faults count the pages of fresh memory the process touched, time that
// instruction counts do not show (CONTRIBUTING.md, hot path, rule 11).
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  const usage = process.resourceUsage();
  const file = process.env.ETOMSIM_BENCH_USAGE;
  if (file)
    writeFileSync(
      file,
      JSON.stringify({ cpu_s: (cpu.user + cpu.system) / 1e6, peak_rss_mb: usage.maxRSS / 1024, minor_faults: usage.minorPageFault }),
    );
});
