"""What a change to news content makes stale (cms.cachetags): the one rule of each kind.

NEWS (type_tag of news pages): every list of news (the index, the home page, the RSS, search,
the API's listings, a partner's page through partner_tag). A news item's own page and API
detail: page_tag; its comments: comments_tag. RUBRICS and TAGS: the news pages that name them.
COMMENTS: the API listings' comment counts.
"""

from django.core.exceptions import ObjectDoesNotExist

from cms.cachetags import comments_tag, page_tag, type_tag
from partners.cache_rules import partner_tag

NEWS = type_tag("news.newspage")
RUBRICS = type_tag("news.newsrubric")
TAGS = type_tag("news.newstag")
COMMENTS = type_tag("news.readercomment")


def rubric_changed(rubric):
    return {RUBRICS, NEWS}


def tag_changed(tag):
    """A tag is made when a news item first uses it, before the item's link to it: nothing
    shows it yet. Deleting one deletes its links first, and they bump their pages."""
    return {TAGS, NEWS} if tag.tagged_news.exists() else set()


def tag_link_changed(link):
    return {page_tag(link.content_object_id), NEWS}


def related_link_changed(link):
    return {page_tag(link.page_id), NEWS}


def partner_link_changed(link):
    return {page_tag(link.page_id), partner_tag(link.partner_id), NEWS}


def comment_changed(comment):
    """An approved, edited or removed comment: its page's thread, and the counts in the API's
    lists (no HTML list shows counts)."""
    return {comments_tag(int(comment.object_pk)), COMMENTS}


def attachment_changed(attachment):
    try:
        return {comments_tag(int(attachment.comment.object_pk))}
    except ObjectDoesNotExist:  # deleted with its comment, whose own rule bumped the tag
        return set()
