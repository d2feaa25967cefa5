# News rubrics are registered in partners.wagtail_hooks, in the «Справочники» menu group.
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .comments.admin import (
    ApproveBulkAction,
    CommentPermissionPolicy,
    CommentsViewSetGroup,
    PendingCommentsPanel,
    RemoveBulkAction,
)
from .models import ReaderComment

# Comments: the moderation queue (with the stop list), its bulk actions, the dashboard panel.
register_permission_policy(ReaderComment, CommentPermissionPolicy(ReaderComment))
register_snippet(CommentsViewSetGroup)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RemoveBulkAction)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("news.change_readercomment"):
        panels.insert(0, PendingCommentsPanel(ReaderComment.objects.pending().count()))
