#!/usr/bin/env python3
"""Prints, for each jcstress result page in target/results, the samples seen per outcome and in total."""
import glob
import re
import sys

folder = sys.argv[1] if len(sys.argv) > 1 else "jcstress/target/results"
for page in sorted(glob.glob(folder + "/org.*.html")):
    text = re.sub(r"\|[\s|]*", "|", re.sub(r"<[^>]+>", "|", open(page).read()))
    states = text.split("Observed States|", 1)[1].split("|")
    outcomes = []
    for cell in states:
        if not re.fullmatch(r"-?\d+(, -?\d+)*", cell):
            break
        outcomes.append(cell)
    totals = [0] * len(outcomes)
    for run in re.findall(r"\|(OK|FAILED|ERROR)\|((?:\d+\|)+)", text):
        for i, count in enumerate(run[1].strip("|").split("|")[: len(outcomes)]):
            totals[i] += int(count)
    status = "FAILED" if "|FAILED|" in text else "OK"
    detail = ", ".join(f"[{o}] {n:,}" for o, n in zip(outcomes, totals))
    print(f"{page.split('/')[-1][:-5]}: {status}, {sum(totals):,} samples: {detail}")
