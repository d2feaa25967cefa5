"""The comment tests' fixtures apply to the API's comment tests too."""

from tests.news.conftest import clear_cache, comment_files_root  # noqa: F401
