# THE REFERENCE, not etomsim: the benchmark's model (M/M/5 at 90% load: Poisson arrivals at
# 4.5 an hour, exponential service of mean 1 hour, five servers, first come first served) as
# SimPy's documentation writes such a model: a source process, one process per customer that
# requests a Resource and holds it for its service. `npm run bench` times it as a whole process
# beside etomsim and the hand loops when SimPy can be imported (bench/run.ts: BENCH_PYTHON,
# BENCH_SIMPY_PATH); the figure (SimPy 3.0.11, 8.76 s) came from such a model.
#
# python3 bench/reference/simpy-mm5.py [CUSTOMERS]   (default 1,000,000)
# With ETOMSIM_BENCH_USAGE set, its CPU time and peak memory go to that file as JSON at the end,
# as bench/process-usage.mjs writes a Node process's.
import json
import os
import random
import resource
import sys
import time

import simpy

CUSTOMERS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
LAMBDA = 4.5
MU = 1.0
SERVERS = 5


def customer(env, servers, rng, tally):
    arrived = env.now
    with servers.request() as request:
        yield request
        tally[0] += env.now - arrived
        yield env.timeout(rng.expovariate(MU))
    tally[1] += 1


def source(env, servers, rng, tally):
    for _ in range(CUSTOMERS):
        yield env.timeout(rng.expovariate(LAMBDA))
        env.process(customer(env, servers, rng, tally))


started = time.perf_counter()
rng = random.Random(1)
env = simpy.Environment()
servers = simpy.Resource(env, capacity=SERVERS)
tally = [0.0, 0]  # wait hours, customers served
env.process(source(env, servers, rng, tally))
env.run()
seconds = time.perf_counter() - started
# Erlang C for M/M/5 at 90% load: mean wait 1.5269 h; printed so that the model is seen to be right
print(
    json.dumps(
        {
            "customers": tally[1],
            "mean_wait_h": tally[0] / tally[1],
            "loop_s": seconds,
            "simpy": simpy.__version__,
            "python": sys.version.split()[0],
        }
    )
)
usage = os.environ.get("ETOMSIM_BENCH_USAGE")
if usage:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    with open(usage, "w") as f:
        json.dump({"cpu_s": ru.ru_utime + ru.ru_stime, "peak_rss_mb": ru.ru_maxrss / 1024}, f)
