"""Benchmark: the pure parts alone, an assessment and the matching of typed university names.

Rates count this process's CPU time, which the other jobs of a shared machine move less than
the wall clock; `--instructions` counts instructions under valgrind's callgrind, which they do
not move at all. See docs/benchmarks.md.

    python bench/pure.py [--seconds 2] [--json]
    python bench/pure.py --instructions        # needs valgrind; about a minute per part
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.rules.universities import match_university  # noqa: E402
from bot.scoring.answers import parse_answers  # noqa: E402
from bot.scoring.assess import assess  # noqa: E402

DAY = date(2026, 11, 24)
# Typed university names the list finds exactly: an alias, an official name, a Chinese name.
NAMES = ("MIT", "The University of Hong Kong", "清華大學", "University of California, Berkeley")


@cache
def _answers() -> Any:
    return json.loads((ROOT / "examples" / "answers.json").read_text())


def assess_once() -> int:
    """One assessment of the example answers, validation included."""
    assess(parse_answers(_answers(), DAY), DAY)
    return 1


def match_once() -> int:
    """Each of `NAMES` matched, past the cache of names already typed."""
    for name in NAMES:
        match_university.__wrapped__(name)
    return len(NAMES)


PARTS: dict[str, Callable[[], int]] = {"assessments": assess_once,
                                       "university_matches": match_once}


def rate(run_once: Callable[[], int], seconds: float = 2.0) -> float:
    """Items per second of this process's CPU time for `run_once` (which returns how many it
    handled), over `seconds` of it, after one untimed call that loads the data files and
    builds the indexes."""
    run_once()
    count, begin = 0, time.process_time()
    while time.process_time() - begin < seconds:
        count += run_once()
    return count / (time.process_time() - begin)


def _instructions(part: str, times: int) -> int:
    """Instructions of a process that runs `part` once untimed, then `times` times."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, __file__, "--repeat", part, str(times)],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", done.stderr)
    assert found, done.stderr
    return int(found.group(1))


def instructions_per_item(part: str, times: int = 200) -> float:
    """Instructions per item: two processes, `times` apart, so start-up and loading cancel."""
    run_once = PARTS[part]
    items = times * run_once()
    return (_instructions(part, times) - _instructions(part, 0)) / items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="CPU seconds per part")
    parser.add_argument("--instructions", action="store_true",
                        help="instructions per item under callgrind instead of rates")
    parser.add_argument("--repeat", nargs=2, metavar=("PART", "N"),
                        help="run PART once, then N times, and nothing else (for callgrind)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()
    if args.repeat:
        part, times = args.repeat
        for _ in range(int(times) + 1):
            PARTS[part]()
        return
    if args.instructions:
        figures = {f"{part}_instructions": round(instructions_per_item(part)) for part in PARTS}
    else:
        figures = {f"{part}_per_s": round(rate(once, args.seconds), 1)
                   for part, once in PARTS.items()}
    for key, value in figures.items():
        print(f"{key:<32}  {value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
