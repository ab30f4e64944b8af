#!/usr/bin/env python3
"""Issue 13's targets from one bench/run.sh run: prints a Markdown table of every figure and ratio with
pass/fail, and draws the side-by-side figures as an SVG bar chart.

usage: report.py RUN_DIR CHART.svg RUST_IDLE_KIB RUST_AFTER_KIB EMBEDDED_IDLE_KIB
"""
import json
import os
import sys
from html import escape

QUERIES = ["tls certificate", "how do I add a custom domain"]


def oha(run_dir, name):
    path = os.path.join(run_dir, f"oha-{name}.json")
    if not os.path.exists(path):
        return None
    d = json.load(open(path))
    s, p = d["summary"], d["latencyPercentiles"]
    return {"rps": s["requestsPerSec"] or 0.0, "p50": (p["p50"] or 0) * 1e3, "p99": (p["p99"] or 0) * 1e3,
            "ok": (s["successRate"] or 0) * 100, "codes": d.get("statusCodeDistribution", {})}


def main():
    run_dir, chart = sys.argv[1], sys.argv[2]
    rust_idle, rust_after, emb_idle = (int(x or 0) / 1024 for x in sys.argv[3:6])
    rows = []  # (target, measured, pass)
    bars = []  # (group, [(label, value)])

    def check(target, measured, ok):
        rows.append((target, measured, "pass" if ok else "**FAIL**"))

    for corpus, prefix in (("Railway", ""), ("Fly.io", "fly-")):
        for qi, q in enumerate(QUERIES):
            r, n = oha(run_dir, f"{prefix}rust-{qi}"), oha(run_dir, f"{prefix}node-{qi}")
            if not r or not n:
                rows.append((f"docs_search \"{q}\", {corpus}", "not measured", "**FAIL**"))
                continue
            ratio = r["rps"] / n["rps"] if n["rps"] else float("inf")
            check(f"docs_search \"{q}\", {corpus}: >= 25x node req/s, lower p99",
                  f"{r['rps']:.0f} vs {n['rps']:.0f} req/s = {ratio:.1f}x; p99 {r['p99']:.1f} vs {n['p99']:.1f} ms",
                  ratio >= 25 and r["p99"] < n["p99"])
            bars.append((f"docs_search {corpus}: {q}", [("hostless-mcp", r["rps"]), ("node peer", n["rps"])]))

    bare = [x for x in (oha(run_dir, "ping-bare"), oha(run_dir, "ping-bare2")) if x]
    limit = max(x["rps"] for x in bare) if bare else 0.0
    ping, lst = oha(run_dir, "ping-mcp"), oha(run_dir, "list-mcp")
    search = [oha(run_dir, f"rust-{qi}") for qi in range(len(QUERIES))]
    if limit:
        rows.append(("bare axum route (machine's limit), best of two runs around the MCP runs",
                     " / ".join(f"{x['rps']:.0f}" for x in bare) + " req/s", ""))
        layer = []
        for name, x, bar in (("ping", ping, 50), ("tools/list", lst, 40)):
            if x:
                check(f"MCP {name} on /mcp/docs >= {bar}% of bare axum",
                      f"{x['rps']:.0f} req/s = {100 * x['rps'] / limit:.0f}%", x["rps"] >= bar / 100 * limit)
                layer.append((f"MCP {name}", x["rps"]))
        for qi, x in enumerate(search):
            if x:
                check(f"docs_search \"{QUERIES[qi]}\" (Railway) >= 15% of bare axum",
                      f"{x['rps']:.0f} req/s = {100 * x['rps'] / limit:.1f}%", x["rps"] >= 0.15 * limit)
                layer.append((f"docs_search: {QUERIES[qi]}", x["rps"]))
        bars.append(("MCP layer vs bare axum (c=16)", [("bare axum", limit)] + layer))

    d1, p1, d16, p16 = (oha(run_dir, n) for n in ("direct-c1", "proxy-c1", "direct-c16", "proxy-c16"))
    if d1 and p1:
        extra = p1["p50"] - d1["p50"]
        check("proxy: platform tool via /mcp adds < 0.3 ms p50 over direct REST (c=1)",
              f"p50 {p1['p50']:.3f} vs {d1['p50']:.3f} ms = +{extra:.3f} ms", extra < 0.3)
    if d16 and p16:
        share = p16["rps"] / d16["rps"] if d16["rps"] else 0
        check("proxy: via /mcp >= 50% of direct req/s (c=16)",
              f"{p16['rps']:.0f} vs {d16['rps']:.0f} req/s = {100 * share:.0f}%", share >= 0.5)
        bars.append(("proxy, c=16: projects_list", [("direct REST to sandbox", d16["rps"]), ("via /mcp", p16["rps"])]))

    check("RSS idle, Railway corpus < 40 MB", f"{rust_idle:.1f} MiB", rust_idle * 1048576 < 40e6)
    check("RSS after load, Railway corpus < 40 MB", f"{rust_after:.1f} MiB", rust_after * 1048576 < 40e6)
    check("RSS idle, embedded docs < 25 MB", f"{emb_idle:.1f} MiB", emb_idle * 1048576 < 25e6)

    print("\n### issue 13 targets\n")
    print("| target | measured | |")
    print("| --- | --- | --- |")
    for t, m, ok in rows:
        print(f"| {t} | {m} | {ok} |")
    write_chart(chart, bars, open(os.path.join(run_dir, "machine.txt")).read().strip())
    print(f"\nchart: {chart}")


def write_chart(path, groups, caption):
    """One block of horizontal bars per comparison, each block scaled to its own largest bar."""
    width, label_w, bar_w, row_h = 900, 260, 520, 22
    colors = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f"]
    y, out = 40, []
    for title, items in groups:
        out.append(f'<text x="10" y="{y}" font-weight="bold">{escape(title)} (req/s)</text>')
        y += 8
        top = max(v for _, v in items) or 1
        for i, (label, value) in enumerate(items):
            w = max(1, bar_w * value / top)
            out.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
            out.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" '
                       f'fill="{colors[i % len(colors)]}"/>')
            out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{value:,.0f}</text>')
            y += row_h
        y += 18
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y + 20}" '
            f'font-family="sans-serif" font-size="13">'
            f'<rect width="100%" height="100%" fill="white"/>'
            f'<text x="10" y="20" font-size="11" fill="#555">{escape(caption[:150])}</text>')
    with open(path, "w") as f:
        f.write(head + "".join(out) + f'<text x="10" y="{y + 5}" font-size="11" fill="#555">'
                "bench/run.sh; bars within a block share one scale</text></svg>\n")


if __name__ == "__main__":
    main()
