"""Seconds each test file took in a whole run, for the order the suite's files are handed to
xdist's workers in (tests/conftest.py): longest first, so that no long file is left to start
last while the other worker has nothing to do.

Refresh after tests change much: run the suite with `--junitxml=report.xml`, then
`.venv/bin/python -m tests.file_durations report.xml`. Files it lacks count as short.
"""

import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).with_suffix(".json")


# Shorter files keep pytest-randomly's order: the end of the run has room for them anywhere.
LONG = 8


def long_files():
    return {
        path: seconds for path, seconds in json.loads(TABLE.read_text()).items() if seconds >= LONG
    }


def measured(report):
    seconds = Counter()
    for case in ET.parse(report).iter("testcase"):
        seconds[case.get("classname").replace(".", "/") + ".py"] += float(case.get("time"))
    return {path: round(total, 1) for path, total in seconds.most_common() if total >= 1}


if __name__ == "__main__":
    TABLE.write_text(json.dumps(measured(sys.argv[1]), indent=0, ensure_ascii=False) + "\n")
