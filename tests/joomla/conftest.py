"""The old site's database in a real MariaDB (Debian's mariadb-server) that the tests start."""

import shutil

import pytest

from joomla.source import MARIADB_PACKAGE, OwnMariaDB

from .old_site import build


@pytest.fixture(scope="module")
def old_site(tmp_path_factory):
    """The synthetic old site: dump, images/ and Komento's folder."""
    return build(tmp_path_factory.mktemp("old-site"))


@pytest.fixture(scope="module")
def old_database(old_site):
    """mysql://… of a MariaDB with the dump loaded, for --database runs."""
    if not (shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin")):
        pytest.fail(
            f"mariadbd is missing: the import tests need Debian's {MARIADB_PACKAGE} "
            f"(apt-get install {MARIADB_PACKAGE}; `make test` should install it)."
        )
    server = OwnMariaDB().start()
    try:
        server.load(old_site.dump)
        yield f"mysql://root@localhost/old_site?unix_socket={server.socket}"
    finally:
        server.stop()
