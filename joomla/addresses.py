"""The addresses the old Joomla site gave an article or a category (SEF and query forms)."""

from urllib.parse import urlencode

from wagtail.contrib.redirects.models import Redirect

VIEWS = ("article", "category")


def query_address(query):
    """The plain query form of a Joomla address from its parameters, or None.

    `id` may carry the alias (12:alias); catid, Itemid, layout and the rest are left out.
    """
    if query.get("option") != "com_content" or query.get("view") not in VIEWS:
        return None
    old_id = (query.get("id") or "").split(":", 1)[0].strip()
    if not old_id.isdecimal():
        return None
    return article_query(query["view"], int(old_id))


def article_query(view, old_id):
    return "/index.php?" + urlencode({"option": "com_content", "view": view, "id": old_id})


def sef_paths(*parts):
    """The path with and without Joomla's /index.php/ (SEF without URL rewriting)."""
    path = "/".join(part.strip("/") for part in parts if part)
    return [f"/{path}", f"/index.php/{path}"]


def article_addresses(article_id, alias, category_paths=()):
    """Every address form of an article: under each of its category (or menu) paths, with
    and without the id, Joomla's component fallback, and the query form."""
    addresses = []
    for path in category_paths:
        addresses += sef_paths(path, f"{article_id}-{alias}")
        addresses += sef_paths(path, alias)
    addresses += sef_paths("component/content/article", f"{article_id}-{alias}")
    addresses.append(article_query("article", article_id))
    return unique(addresses)


def category_addresses(category_id, paths):
    addresses = []
    for path in paths:
        addresses += sef_paths(path)
    addresses += sef_paths("component/content/category", str(category_id))
    addresses.append(article_query("category", category_id))
    return unique(addresses)


def unique(addresses):
    """Normalised as Wagtail stores them (query sorted, percent-encoding decoded), once each."""
    seen = {}
    for address in addresses:
        seen.setdefault(Redirect.normalise_path(address), None)
    return list(seen)
