"""A trial program of flagbench: one Python model, one trial, speaking the protocol of docs/trial-protocol.md.

    python3 trial.py MODEL SPEC_FILE RESULT_FILE    one trial: warm-up, READY, GO, measured job, MEASURED,
                                                    COLLECTED, result file, DONE
    python3 trial.py MODEL --job JOB_FILE           one job (the flags command): an ITEM line per finished item

An echo spec runs the model's echo server (echo.py) under the same protocol instead.

MODEL is a session class below (sequential, threads, threadpool, asyncio, asyncio-uvloop). The harness reads
this process's CPU time, peak RSS and peak threads from /proc itself; this program measures only what happens
inside it: the counts, the latencies and the window's throughput.
"""

import importlib
import json
import os
import platform
import sys
import time

import workloads

PREFIX = "@@flagbench "
#: A warm-up job's longest target length once the throughput is known (SteadyRun.WARMUP_JOB_NANOS); under a cap
#: shorter than four such jobs, a quarter of the cap (SteadyRun.warmupJobNanos).
WARMUP_JOB_SECONDS = 0.5
#: The measured job's cap in items (SteadyRun.MAX_ITEMS).
MAX_ITEMS = 2_000_000
MAX_ERROR_SAMPLES = 5
SESSIONS = {
    "sequential": ("models.sequential", "Session"),
    "threads": ("models.threads", "Session"),
    "threadpool": ("models.threadpool", "Session"),
    "asyncio": ("models.asyncio_aiohttp", "Session"),
    "asyncio-uvloop": ("models.asyncio_aiohttp", "UvloopSession"),
}


def say(line):
    sys.stdout.write(PREFIX + line + "\n")
    sys.stdout.flush()


def expect(word):
    for line in sys.stdin:
        if line.strip() == word:
            return
    raise EOFError("stdin closed before the harness sent " + word)


def open_session(model, c, timeout):
    module, cls = SESSIONS[model]
    return getattr(importlib.import_module(module), cls)(c, timeout)


def futex_hash(slots):
    """Resizes this process's futex hash to slots buckets, as every trial JVM does (harness's FutexHash: Linux 6.16+
    sizes it from the CPUs); returns (slots the kernel gave, slots in effect), -1 where the kernel has no such call."""
    import ctypes
    pr_futex_hash, set_slots, get_slots = 78, 1, 2
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        kernel = prctl(pr_futex_hash, get_slots, 0, 0, 0)
        if kernel < 0:
            return -1, -1
        if slots > 0 and prctl(pr_futex_hash, set_slots, slots, 0, 0) < 0:
            return kernel, kernel
        return kernel, prctl(pr_futex_hash, get_slots, 0, 0, 0)
    except (OSError, AttributeError):
        return -1, -1


def cycle(pool, n):
    return [pool[i % len(pool)] for i in range(n)]


def warm_up(session, job_of, c, steady):
    """Jobs at the trial's level until two in a row agree within the tolerance (after the least warm-up), or the cap."""
    start = time.perf_counter()
    throughputs = []
    converged = False
    in_window = False
    n = c
    while True:
        t0 = time.perf_counter()
        session.download(job_of(n))
        throughput = n / max(time.perf_counter() - t0, 1e-9)
        throughputs.append(throughput)
        elapsed = time.perf_counter() - start
        k = len(throughputs)
        if k >= 2 and agree(throughputs[-2], throughput, steady["tolerance"]) and elapsed * 1000 >= steady["minWarmupMillis"]:
            converged = True
            break
        if k >= 3 and elapsed * 1000 >= steady["maxWarmupMillis"]:
            break
        if k == 1 and elapsed * 1000 >= steady["maxWarmupMillis"]:
            in_window = True  # one round of C took the whole cap: the measured window's thirds judge steadiness
            break
        job_seconds = min(WARMUP_JOB_SECONDS, steady["maxWarmupMillis"] / 4000.0)
        n = int(min(MAX_ITEMS, max(c, round(throughput * job_seconds))))
    return {"warmupMillis": int((time.perf_counter() - start) * 1000), "warmupJobs": len(throughputs),
            "converged": converged, "tolerance": steady["tolerance"], "warmupThroughputs": throughputs,
            "inWindow": in_window}


def measured_size(throughputs, c, steady, ideal):
    """At least minRounds x C items, and a window (the job less its first and last C items) about measuredMillis
    long at min(ideal, 2 x the last warm-up job's rate): 2 x C items more than measuredMillis at that rate."""
    last = throughputs[-1] if throughputs else 0
    rate = min(ideal, 2 * last) if ideal > 0 else last
    by_time = round(rate * steady["measuredMillis"] / 1000.0)
    return int(min(MAX_ITEMS, max(steady["minRounds"] * c, 2 * c + by_time)))


def window(outcomes, c, requests_per_item, thirds=False):
    """The window between the C-th item to finish and the C-th before last, each item counted by the share of its
    time inside it (harness/.../trial/Window.java, docs/trial-protocol.md), and its rate in items per second; with
    thirds, each third's rate too (windowThirds), which steadiness is judged by where the warm-up's first job alone
    reached its cap."""
    spans = [(o.end_ns - o.latency_ns, o.end_ns) for o in outcomes if o and o.status != workloads.CANCELLED]
    ends = sorted(end for _, end in spans)
    n = len(ends)
    skip = min(c, n // 3)
    if skip <= 0 or n - 2 * skip <= 0 or ends[n - skip - 1] <= ends[skip - 1]:
        return {"windowRequests": 0, "windowMillis": 0.0, "windowThroughput": 0.0, "windowThirds": []}
    lo, hi = ends[skip - 1], ends[n - skip - 1]
    items = sum(share(start, end, lo, hi) for start, end in spans)
    parts = []
    if thirds:
        cuts = [lo + round(p * (hi - lo) / 3) for p in range(3)] + [hi]
        parts = [sum(share(start, end, a, b) for start, end in spans) / ((b - a) / 1e9) for a, b in zip(cuts, cuts[1:])]
    return {"windowRequests": round(items * requests_per_item), "windowMillis": (hi - lo) / 1e6,
            "windowThroughput": items / ((hi - lo) / 1e9), "windowThirds": parts}


def agree(a, b, tolerance):
    return abs(a - b) <= tolerance * max(a, b)


def share(start, end, lo, hi):
    """The share of the item [start, end] that lies in [lo, hi]; one without a duration counts when it ends inside."""
    if end <= start:
        return 1.0 if lo <= end <= hi else 0.0
    overlap = min(end, hi) - max(start, lo)
    return overlap / (end - start) if overlap > 0 else 0.0


def summary(outcomes, items):
    counts = {s: 0 for s in workloads.STATUSES}
    http_errors = io_errors = 0
    samples = []
    for o in outcomes:
        counts[o.status] += 1
        if o.status == workloads.ERROR:
            if o.detail.startswith("HTTP "):
                http_errors += 1
            else:
                io_errors += 1
        if o.status in (workloads.ERROR, workloads.TIMEOUT):
            sample = o.status + " " + o.detail
            if sample not in samples and len(samples) < MAX_ERROR_SAMPLES:
                samples.append(sample)
    validation = None
    if len(outcomes) != len(items) or any(o is None or o.item != i for o, i in zip(outcomes, items)):
        validation = f"outcomes: expected {len(items)} (one per item, in order), got {len(outcomes)}"
    return {"counts": counts, "httpErrors": http_errors, "ioErrors": io_errors, "errorSamples": samples,
            "validationError": validation}


def write_atomically(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f)
    os.replace(tmp, path)


def run_trial(model, spec_file, result_file):
    with open(spec_file, encoding="utf-8") as f:
        spec = json.load(f)
    if spec.get("debug") == "halt":
        sys.stderr.write("RuntimeError: the trial spec asked this program to die (debug=halt)\n")
        sys.stderr.flush()
        os._exit(134)
    kernel_slots, slots = futex_hash(spec.get("futexHashSlots") or 0)
    if spec["workload"] == "echo":
        return run_echo(model, spec, result_file, slots, kernel_slots)
    if spec["workload"] not in workloads.REQUESTS_PER_ITEM:
        raise ValueError(f"workload: {spec['workload']} is not run by the Python models")
    c = spec["level"]
    timeout = spec["requestTimeoutMillis"] / 1000.0
    per_item = workloads.REQUESTS_PER_ITEM[spec["workload"]]
    steady = spec.get("steady")

    def job_of(n):
        return workloads.Job(spec["baseUrl"], spec["workload"], cycle(spec["items"], n), c, timeout)

    if spec.get("cold"):
        return run_cold(model, spec, result_file, job_of(len(spec["items"])), c, timeout, slots, kernel_slots)
    session = open_session(model, c, timeout)
    phases = {}  # [from, to] on time.monotonic_ns(), CLOCK_MONOTONIC: the harness's clock too
    try:
        warm0 = time.monotonic_ns()
        warmup = warm_up(session, job_of, c, steady) if steady else None
        if warmup is not None:
            phases["warmup"] = [warm0, time.monotonic_ns()]
        delay = spec.get("delayMillis") or 0
        ideal = c * 1000.0 / (per_item * delay) if delay > 0 else 0
        n = measured_size(warmup["warmupThroughputs"], c, steady, ideal) if steady else len(spec["items"])
        job = job_of(n)
        say("READY")
        expect("GO")
        if spec.get("debug") == "hang":
            time.sleep(10 ** 6)
        m0 = time.monotonic_ns()
        t0 = time.perf_counter_ns()
        outcomes = session.download(job)
        wall = time.perf_counter_ns() - t0
        phases["measured"] = [m0, time.monotonic_ns()]
        say("MEASURED")
        expect("COLLECTED")
    finally:
        session.close()
    result = downloaded(outcomes, job, wall, session, slots, kernel_slots)
    result["phases"] = phases
    if warmup is not None:
        in_window = warmup.pop("inWindow")
        result["steady"] = dict(warmup, **window(outcomes, c, per_item, thirds=in_window))
        t = result["steady"]["windowThirds"]
        if in_window:
            tol = steady["tolerance"]
            result["steady"]["converged"] = len(t) == 3 and agree(t[0], t[1], tol) and agree(t[1], t[2], tol)
    write_atomically(result_file, result)
    say("DONE")


def downloaded(outcomes, job, wall, session, slots, kernel_slots):
    """The result file's fields of a measured download job."""
    result = summary(outcomes, job.items)
    result["wallMillis"] = wall / 1e6
    result["okBytes"] = sum(o.bytes for o in outcomes if o and o.status == workloads.OK)
    result["latenciesNanos"] = [o.latency_ns for o in outcomes
                                if o and o.latency_ns > 0 and o.status != workloads.CANCELLED]
    result["clientSettings"] = dict(session.settings, futexHashSlots=str(slots), kernelFutexHashSlots=str(kernel_slots))
    return result


def run_cold(model, spec, result_file, job, c, timeout, slots, kernel_slots):
    """The cold job: READY at once, then after GO a new session for one job, opened, run and closed inside the
    measured phase, as a user of the flags command lives through it."""
    say("READY")
    expect("GO")
    m0 = time.monotonic_ns()
    t0 = time.perf_counter_ns()
    session = open_session(model, c, timeout)
    try:
        outcomes = session.download(job)
    finally:
        session.close()
    wall = time.perf_counter_ns() - t0
    m1 = time.monotonic_ns()
    say("MEASURED")
    expect("COLLECTED")
    result = downloaded(outcomes, job, wall, session, slots, kernel_slots)
    result["phases"] = {"measured": [m0, m1]}
    write_atomically(result_file, result)
    say("DONE")


def run_echo(model, spec, result_file, slots, kernel_slots):
    """An echo trial: the model's echo server, READY with its port, GO, MEASURING while the harness drives the load,
    STOP, MEASURED, COLLECTED, the result, DONE."""
    import echo
    pool_size = spec.get("echoPoolSize") or spec["level"]
    if model in echo.BLOCKING:
        server = echo.BLOCKING[model](pool_size)
        say(f"READY {server.port}")
        expect("GO")
        t0 = time.perf_counter_ns()
        say("MEASURING")
        expect("STOP")
        wall = time.perf_counter_ns() - t0
        say("MEASURED")
        expect("COLLECTED")
        settings = server.settings
    else:
        loop = new_event_loop(model)
        wall, settings = loop.run_until_complete(echo_on_the_loop(model))
    settings = dict(settings, bind="127.0.0.1", poolSize=str(pool_size),
                    runtime=f"{platform.python_implementation()} {platform.python_version()}",
                    futexHashSlots=str(slots), kernelFutexHashSlots=str(kernel_slots))
    write_atomically(result_file, {"counts": {}, "wallMillis": wall / 1e6, "clientSettings": settings})
    say("DONE")


def new_event_loop(model):
    import asyncio
    if model == "asyncio-uvloop":
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


async def echo_on_the_loop(model):
    """asyncio's echo trial: the server and the protocol's stdin on the one event loop, so that it stays one thread."""
    import asyncio
    import echo
    server = await echo.asyncio_server()
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)

    async def expect_line(word):
        while True:
            line = await stdin.readline()
            if not line:
                raise EOFError("stdin closed before the harness sent " + word)
            if line.decode().strip() == word:
                return

    say(f"READY {server.sockets[0].getsockname()[1]}")
    await expect_line("GO")
    t0 = time.perf_counter_ns()
    say("MEASURING")
    await expect_line("STOP")
    wall = time.perf_counter_ns() - t0
    say("MEASURED")
    await expect_line("COLLECTED")
    loop_name = type(loop).__module__.split(".")[0]
    return wall, {"server": f"asyncio.start_server on one {loop_name} event loop"}


def run_job(model, job_file):
    """One job on a fresh session, each item's outcome printed as it is known (in completion order), then DONE."""
    with open(job_file, encoding="utf-8") as f:
        spec = json.load(f)
    c = spec["maxConcurrency"]
    timeout = spec["timeoutMillis"] / 1000.0
    session = open_session(model, c, timeout)
    try:
        job = workloads.Job(spec["baseUrl"], spec["workload"], spec["items"], c, timeout, spec.get("outputDir"))
        say("SETTINGS " + json.dumps(session.settings))
        outcomes = session.download(job)
    finally:
        session.close()
    for o in outcomes:
        say("ITEM " + json.dumps({"item": o.item, "status": o.status, "bytes": o.bytes, "checksum": o.checksum,
                                  "detail": o.detail, "latencyNanos": o.latency_ns}))
    say("DONE")


def main(argv):
    if len(argv) == 4 and argv[2] == "--job":
        run_job(argv[1], argv[3])
    elif len(argv) == 4:
        run_trial(argv[1], argv[2], argv[3])
    else:
        sys.stderr.write("usage: trial.py MODEL SPEC_FILE RESULT_FILE | trial.py MODEL --job JOB_FILE\n")
        return 2
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv)
    except BaseException as e:  # the harness reads the reason from this line (docs/trial-protocol.md)
        sys.stderr.write(f"trial failed: {type(e).__name__}: {e}\n")
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # Threads a model leaves behind must not keep the process: the trial is over either way.
    os._exit(code)
