#!/usr/bin/env python3
"""Scale benchmark: index build time, search p50/p99 and RSS at ~383 pages (Railway)
and at 10,000+ pages (bench/scale/gen-corpus.py), and time to the first /health 200
when a persisted index (INDEX_DIR) is opened at 10,000+ pages.

usage: run.py BINARY [SCALE_CORPUS]   (SCALE_CORPUS defaults to /tmp/hostless-scale-corpus)
Search latency is measured at concurrency 1 over one keep-alive connection (this is a
scale test, not a throughput test: bench/run.sh does throughput).
"""

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

QUERIES = [
    "custom domain tls certificate",
    "how do I add a custom domain",
    "deploy from github",
    "environment variables",
    "postgres backups",
    "private networking",
    "cron schedule",
    "volumes",
    "scale replicas",
    "healthcheck",
]
ROUNDS = 30
PORT = 4799


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def start(binary, docs_dir, index_dir=None):
    env = dict(os.environ, RUST_LOG="warn", RATE_LIMIT_PER_MINUTE="0", DOCS_DIR=docs_dir)
    env.pop("INDEX_DIR", None)
    if index_dir:
        env["INDEX_DIR"] = index_dir
    began = time.monotonic()
    proc = subprocess.Popen(
        [binary, "--port", str(PORT)], env=env, cwd=tempfile.gettempdir(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/health")
            response = conn.getresponse()
            body = json.loads(response.read())
            if response.status == 200:
                return proc, time.monotonic() - began, body.get("docsPages")
        except OSError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        time.sleep(0.005)


def stop(proc):
    proc.terminate()
    proc.wait()


def search_latencies(rounds=ROUNDS):
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    headers = {
        "content-type": "application/json",
        "accept": "application/json, text/event-stream",
        "mcp-protocol-version": "2025-11-25",
    }
    times = []
    for _ in range(rounds):
        for query in QUERIES:
            body = json.dumps({
                "jsonrpc": "2.0", "id": 1, "method": "tools/call",
                "params": {"name": "docs_search", "arguments": {"query": query, "limit": 10}},
            })
            began = time.perf_counter()
            conn.request("POST", "/mcp/docs", body, headers)
            response = conn.getresponse()
            response.read()
            times.append(time.perf_counter() - began)
            if response.status != 200:
                raise SystemExit(f"search answered {response.status}")
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99)]


def measure(binary, label, docs_dir):
    proc, took, pages = start(binary, docs_dir)
    time.sleep(1)
    idle = rss_kb(proc.pid)
    search_latencies(rounds=3)  # warm-up
    p50, p99 = search_latencies()
    loaded = rss_kb(proc.pid)
    stop(proc)
    print(f"| {label} | {pages} | {took * 1000:.0f} ms | {p50 * 1000:.2f} ms | {p99 * 1000:.2f} ms "
          f"| {idle / 1024:.1f} MB | {loaded / 1024:.1f} MB |", flush=True)
    return p50


def main():
    binary = os.path.abspath(sys.argv[1])
    corpora = os.environ.get("CORPORA", os.path.join(os.path.dirname(__file__), "../../../shared/corpora"))
    scale = sys.argv[2] if len(sys.argv) > 2 else "/tmp/hostless-scale-corpus"
    print("| corpus | pages | start-up incl. indexing | search p50 | search p99 | RSS idle | RSS after searches |")
    print("|---|---|---|---|---|---|---|")
    small = measure(binary, "Railway", os.path.join(corpora, "railway"))
    large = measure(binary, "generated", scale)
    print(f"\nsearch p50 at scale / at Railway: {large / small:.2f}x (target within 3x)")

    index_dir = tempfile.mkdtemp(prefix="hostless-scale-index-")
    try:
        proc, build, pages = start(binary, scale, index_dir)
        stop(proc)
        opens = []
        for _ in range(5):
            proc, took, _ = start(binary, scale, index_dir)
            opens.append(took)
            stop(proc)
        # The index file plus the folder of tantivy files beside it.
        size = sum(os.path.getsize(os.path.join(root, name))
                   for root, _, names in os.walk(index_dir) for name in names)
        print(f"\npersisted index at {pages} pages ({size / 1e6:.0f} MB on disk): first start (build + save) "
              f"{build * 1000:.0f} ms; later starts to first /health 200: median "
              f"{statistics.median(opens) * 1000:.0f} ms (runs: "
              + ", ".join(f"{t * 1000:.0f}" for t in opens) + " ms; target < 300 ms)")
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
