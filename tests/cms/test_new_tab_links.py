"""A reader's link that opens a new tab says so, and the new tab gets no hold on this one."""

import re
from pathlib import Path

from django.conf import settings

NEW_TAB_LINK = re.compile(r"<a\b[^>]*\btarget=\"_blank\"[^>]*>.*?</a>", re.DOTALL)
# Staff screens (Wagtail's admin and its extensions) are not the readers' site.
STAFF = {"admin", "wagtailadmin"}


def reader_templates():
    root = Path(settings.BASE_DIR) / "templates"
    return [path for path in root.rglob("*.html") if not STAFF & set(path.parts)]


def test_every_new_tab_link_of_the_readers_site_says_so():
    links = {
        f"{path.name}: {link}"
        for path in reader_templates()
        for link in NEW_TAB_LINK.findall(path.read_text())
    }
    assert links, "the video block and the comment's map link open a new tab"
    assert {link for link in links if "новой вкладке" not in link} == set()
    assert {link for link in links if "noopener" not in link} == set()
