"""`qmas-bot run` under cProfile, for `bench/run.py --profile`: the main thread's CPU time
(not the time spent waiting), from SIGUSR1 (sent once the bot polls, so start-up is left out)
until the bot stops; the statistics go to the file named by the first argument."""

from __future__ import annotations

import cProfile
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.cli import main


def profiled(out: str) -> int:
    profiler = cProfile.Profile(time.thread_time)
    signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())
    try:
        return main(["run"])
    finally:
        profiler.disable()
        profiler.dump_stats(out)


if __name__ == "__main__":
    sys.exit(profiled(sys.argv[1]))
