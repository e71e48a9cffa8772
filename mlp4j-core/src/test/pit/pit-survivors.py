#!/usr/bin/env python3
"""Fails when PIT left a mutant alive that accepted-survivors.txt does not list (with its reason).

Usage: pit-survivors.py mutations.xml accepted-survivors.txt
"""
import collections
import sys
import xml.etree.ElementTree as ET


def key(cls, method, line, mutator):
    return f"{cls}.{method}:{line} {mutator}"


def main(report, accepted_file):
    alive = collections.Counter()
    for m in ET.parse(report).getroot():
        if m.get("status") in ("SURVIVED", "NO_COVERAGE"):
            cls = m.find("mutatedClass").text.split(".")[-1]
            alive[key(cls, m.find("mutatedMethod").text, m.find("lineNumber").text,
                      m.find("mutator").text.split(".")[-1])] += 1
    accepted = collections.Counter()
    for raw in open(accepted_file, encoding="utf-8"):
        line = raw.strip()
        if line and not line.startswith("#"):
            mutant, sep, reason = line.partition(" | ")
            if not sep or not reason.strip():
                sys.exit(f"{accepted_file}: every line needs ' | reason', found: {line}")
            accepted[mutant.strip()] += 1
    unlisted = alive - accepted
    if unlisted:
        print("PIT: mutants no test kills and accepted-survivors.txt does not list:")
        for k, n in sorted(unlisted.items()):
            print(f"  {k}" + (f" (x{n})" if n > 1 else ""))
        sys.exit(1)
    print(f"PIT: {sum(alive.values())} surviving mutants, every one listed with its reason")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
