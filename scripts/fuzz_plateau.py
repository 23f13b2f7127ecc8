#!/usr/bin/env python3
"""Runs one libFuzzer target until its coverage stops growing (a plateau), and reports the run.

Usage: scripts/fuzz_plateau.py FUZZER CORPUS [SEED_DIR…] [--quiet-seconds 180] [--cap-seconds 900]
                               [--cpu-clock] [--edges] [-- LIBFUZZER_FLAGS…]

The fuzzer runs with -jobs=1 (one worker process, one core), writing new inputs to CORPUS and
reading the seed folders; libFuzzer then writes the worker's output to fuzz-0.log in its working
folder, CORPUS.work, which is followed here (and where a crashing input lands). Coverage is libFuzzer's `cov:` (edges) and `ft:` (features) on its status
lines; the run is stopped (SIGINT, so libFuzzer prints its final stats) once neither has grown for
--quiet-seconds, or at --cap-seconds, whichever comes first. A crash, leak or timeout ends the run
by itself and is reported with the artifact libFuzzer wrote.

With --edges, only `cov:` counts: the run is a plateau once no new edge has been reached for
--quiet-seconds, however its features (`ft:`, which also count how often each edge runs, in
buckets) still creep. Long runs here found new features for hours after the edges had stopped.

With --cpu-clock, the quiet time and the cap count the CPU seconds the fuzzer's processes used
instead of wall seconds, so that a run sharing the machine (niced below a build) is not taken
for a plateau while it waits for a core.

Prints one line: target, seconds run, executions, final cov and ft, seconds at the last growth,
why it stopped (plateau, cap, or libFuzzer's own exit with its artifact), and keeps the full
libFuzzer log in CORPUS.work/fuzz-0.log.
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time

STATUS = re.compile(r"^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+)")
EXECUTED = re.compile(r"stat::number_of_executed_units: (\d+)")
ARTIFACT = re.compile(r"Test unit written to (\S+)")


def cpu_seconds(group):
    """CPU seconds (user + system) used so far by the live processes of one process group."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def main(argv):
    args, extra = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    quiet, cap, cpu_clock, edges_only = 180.0, 900.0, False, False
    positional = []
    i = 0
    while i < len(args):
        if args[i] == "--quiet-seconds":
            quiet = float(args[i + 1]); i += 2
        elif args[i] == "--edges":
            edges_only = True; i += 1
        elif args[i] == "--cpu-clock":
            cpu_clock = True; i += 1
        elif args[i] == "--cap-seconds":
            cap = float(args[i + 1]); i += 2
        else:
            positional.append(args[i]); i += 1
    if len(positional) < 2:
        sys.exit(__doc__)
    fuzzer, corpus, *seeds = (os.path.abspath(p) for p in positional)
    work = corpus.rstrip("/") + ".work"
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(work, exist_ok=True)
    log_path = os.path.join(work, "fuzz-0.log")
    if os.path.exists(log_path):
        os.unlink(log_path)
    command = [fuzzer, corpus, *seeds, "-jobs=1", "-workers=1", "-print_final_stats=1",
               *([] if cpu_clock else [f"-max_total_time={int(cap) + 60}"]), *extra]
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    start = time.monotonic()
    used = [0.0]  # CPU seconds of the process group, while it lives
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env, cwd=work,
                               start_new_session=True)
    if os.nice(0) > 0:
        # The fuzzer has its own session, so the kernel schedules it as its own autogroup, where
        # a process's nice value counts only against its own group: carry it to the group, or a
        # niced run still takes a full core from the builds beside it.
        try:
            with open(f"/proc/{process.pid}/autogroup", "w") as group:
                group.write(str(os.nice(0)))
        except OSError:
            pass
    state = {"cov": 0, "ft": 0, "runs": 0, "grown": 0.0, "executed": None, "artifact": None}

    def lines():
        """The worker's log, followed as it grows, until the fuzzer has exited and it is read."""
        while not os.path.exists(log_path):
            if process.poll() is not None:
                return
            time.sleep(0.2)
        with open(log_path, errors="replace") as log:
            pending = ""
            while True:
                chunk = log.readline()
                if chunk:
                    pending += chunk
                    if pending.endswith("\n"):
                        yield pending
                        pending = ""
                elif process.poll() is not None:
                    rest = log.read()
                    for line in (pending + rest).splitlines():
                        yield line
                    return
                else:
                    time.sleep(0.2)

    def clock():
        return used[0] if cpu_clock else time.monotonic() - start

    def read():
        for line in lines():
            now = clock()
            if m := STATUS.match(line):
                runs, cov, ft = map(int, m.groups())
                state["runs"] = runs
                if cov > state["cov"] or (ft > state["ft"] and not edges_only):
                    state["grown"] = now
                state["cov"], state["ft"] = max(cov, state["cov"]), max(ft, state["ft"])
            elif m := EXECUTED.search(line):
                state["executed"] = int(m.group(1))
            elif m := ARTIFACT.search(line):
                state["artifact"] = m.group(1)

    unit = " CPU" if cpu_clock else ""
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reason = None
    while process.poll() is None:
        time.sleep(1)
        if cpu_clock:
            used[0] = max(used[0], cpu_seconds(process.pid))
        now = clock()
        if state["cov"] and now - state["grown"] >= quiet:
            reason = f"plateau ({int(quiet)}{unit} s without a new {'edge' if edges_only else 'edge or feature'})"
        elif now >= cap:
            reason = f"cap ({int(cap)}{unit} s)"
        if reason:
            os.killpg(process.pid, signal.SIGINT)
            process.wait()
            break
    reader.join()
    elapsed = time.monotonic() - start
    unit = " CPU" if cpu_clock else ""
    if reason is None:
        reason = f"exit {process.returncode}" + (f", artifact {state['artifact']}" if state["artifact"] else "")
    executed = state["executed"] if state["executed"] is not None else state["runs"]
    print(f"{os.path.basename(fuzzer)}: {elapsed:.0f} s" + (f" ({used[0]:.0f} CPU s)" if cpu_clock else "")
          + f", {executed} runs, cov {state['cov']}, ft {state['ft']}, "
          f"last growth at {state['grown']:.0f}{unit} s; stopped: {reason}")
    return 0 if reason.startswith(("plateau", "cap")) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
