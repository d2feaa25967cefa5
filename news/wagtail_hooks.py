# News rubrics are registered in home.wagtail_hooks, in the «Справочники» menu group.
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.cachetags import depends_on
from partners.models import PARTNER_PAGE_HOOK

from .cache_rules import RUBRICS
from .comments.admin import (
    ApproveBulkAction,
    CommentPermissionPolicy,
    CommentsViewSetGroup,
    PendingCommentsPanel,
    RemoveBulkAction,
)
from .comments.moderation import LOG_ACTIONS
from .models import NewsPage, ReaderComment

# Comments: the moderation queue (with the stop list), its bulk actions, the dashboard panel.
register_permission_policy(ReaderComment, CommentPermissionPolicy(ReaderComment))
register_snippet(CommentsViewSetGroup)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RemoveBulkAction)


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("news.change_readercomment"):
        panels.insert(0, PendingCommentsPanel(ReaderComment.objects.pending().count()))


@hooks.register(PARTNER_PAGE_HOOK)
def news_about_partner(partner, request):
    """«Новости о партнёре» on the partner's page: the latest visible news about it."""
    # Its news bump the partner's tag (NewsPage.changed_tags); their cards name the rubric.
    depends_on(request, RUBRICS)
    news = NewsPage.objects.for_listing().filter(news_partners__partner=partner)
    return {"partner_news": news[:12]}
