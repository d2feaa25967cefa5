"""The Nu HTML checker (vnu.jar) over the HTML one URL serves."""

import json
import shutil
import subprocess
import tempfile
import urllib.request

from .tools import VNU


def html_errors(url):
    """The checker's error messages for the page at `url` (warnings left out)."""
    with tempfile.NamedTemporaryFile(suffix=".html") as page:
        with urllib.request.urlopen(url, timeout=30) as response:
            shutil.copyfileobj(response, page)
        page.flush()
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", page.name],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    return [message["message"] for message in json.loads(result.stderr)["messages"]]
