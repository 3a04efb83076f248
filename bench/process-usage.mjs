// Preloaded by the benchmark (`node --import`) into every process it times: at exit, the
// process's own CPU time (user + system, every thread: workers, GC and compiler included)
// and its peak resident memory go to the file ETOMSIM_BENCH_USAGE names, as JSON.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  const file = process.env.ETOMSIM_BENCH_USAGE;
  if (file)
    writeFileSync(file, JSON.stringify({ cpu_s: (cpu.user + cpu.system) / 1e6, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
});
