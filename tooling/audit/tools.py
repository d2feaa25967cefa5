"""Where the audit finds its tools: its own npm packages, axe-core, Chromium and Java."""

import shutil
from pathlib import Path

from tooling.chromium import AXE, CHROMIUM

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing_tools():
    """The tools that are not installed, each named as a path or a command."""
    missing = [str(path) for path in (LIGHTHOUSE, VNU, AXE, Path(CHROMIUM)) if not path.exists()]
    return missing + ([] if shutil.which("java") else ["java"])
