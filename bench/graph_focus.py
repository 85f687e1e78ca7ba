#!/usr/bin/env python3
"""Reads a DOT file written by `fkscope-cli graph` and prints the table and depth whose
neighbourhood (ancestors and descendants, as --direction both walks it) is nearest SIZE:

    graph_focus.py all.dot 150   ->   s3.t1203 2 148
"""
import re
import sys


def main():
    path, target = sys.argv[1], int(sys.argv[2])
    names, up, down = {}, {}, {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\s+(t\d+) -> (t\d+) ', line)
        if m:
            up.setdefault(m[1], []).append(m[2])
            down.setdefault(m[2], []).append(m[1])
            continue
        m = re.match(r'\s+(t\d+) \[.*tooltip="([^"]*)"', line)
        if m:
            names[m[1]] = m[2]

    def reach(start, depth, edges):
        seen, frontier = {start}, [start]
        for _ in range(depth):
            frontier = [n for f in frontier for n in edges.get(f, []) if n not in seen]
            seen.update(frontier)
        return seen

    best = None
    for node in sorted(names)[::7]:
        for depth in range(1, 6):
            size = len(reach(node, depth, up) | reach(node, depth, down))
            if best is None or abs(size - target) < abs(best[2] - target):
                best = (names[node], depth, size)
    print(*best)


if __name__ == "__main__":
    main()
