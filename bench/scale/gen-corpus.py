#!/usr/bin/env python3
"""Generate a large docs corpus for the scale benchmark (never committed).

Copies the Railway and Fly.io corpora COPIES times under `vNN/railway/...` and
`vNN/flyio/...`, so page paths differ per copy, and perturbs each copy's text
deterministically (a per-copy marker word on every page, a few words swapped for
synonyms, some sentences dropped), so the copies are not byte-identical and the
index cannot collapse them. 10 copies of the 1,108 pages give 11,080 pages.

usage: gen-corpus.py [--out DIR] [--copies N] [--corpora DIR]
"""

import argparse
import os
import random
import re
import shutil
import sys

PAGE_SUFFIXES = (".md", ".mdx", ".markdown", ".markerb")
SYNONYMS = {
    "deploy": "ship",
    "service": "workload",
    "create": "make",
    "configure": "set up",
    "variable": "setting",
    "domain": "hostname",
    "build": "compile",
    "project": "workspace",
}


def perturb(text: str, copy: int, rng: random.Random) -> str:
    # Front matter (if any) is kept intact so every page still parses.
    front = ""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            front, text = text[: end + 4], text[end + 4 :]
    out = []
    for line in text.split("\n"):
        if line.startswith(("#", "```", "<", "|", "    ")) or not line.strip():
            out.append(line)
            continue
        sentences = re.split(r"(?<=[.!?]) ", line)
        if len(sentences) > 2 and rng.random() < 0.3:
            sentences.pop(rng.randrange(len(sentences)))
        line = " ".join(sentences)
        for word, other in SYNONYMS.items():
            if rng.random() < 0.2:
                line = re.sub(rf"\b{word}\b", other, line)
        out.append(line)
    marker = f"\n\nVariant marker scalecopy{copy:02d}.\n"
    return front + "\n".join(out) + marker


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpora = os.path.normpath(os.path.join(here, "../../../shared/corpora"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/hostless-scale-corpus")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--corpora", default=os.environ.get("CORPORA", default_corpora))
    args = parser.parse_args()

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    pages = 0
    for copy in range(args.copies):
        rng = random.Random(copy)
        for corpus in ("railway", "flyio"):
            root = os.path.join(args.corpora, corpus)
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
                for name in sorted(files):
                    if not name.endswith(PAGE_SUFFIXES):
                        continue
                    source = os.path.join(folder, name)
                    relative = os.path.relpath(source, root)
                    target = os.path.join(args.out, f"v{copy:02d}", corpus, relative)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(source, encoding="utf-8", errors="surrogateescape") as f:
                        text = f.read()
                    with open(target, "w", encoding="utf-8", errors="surrogateescape") as f:
                        f.write(perturb(text, copy, rng))
                    pages += 1
    print(f"{pages} page files under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
