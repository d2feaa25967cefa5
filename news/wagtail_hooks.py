from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .comments.admin import (
    ApproveBulkAction,
    CommentPermissionPolicy,
    CommentsViewSetGroup,
    PendingCommentsPanel,
    RemoveBulkAction,
)
from .models import NewsRubric, ReaderComment


class NewsRubricViewSet(SnippetViewSet):
    model = NewsRubric
    icon = "tag"
    menu_label = "Рубрики новостей"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsRubricViewSet)

# Comments: the moderation queue (with the stop list), its bulk actions, the dashboard panel.
register_permission_policy(ReaderComment, CommentPermissionPolicy(ReaderComment))
register_snippet(CommentsViewSetGroup)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RemoveBulkAction)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("news.change_readercomment"):
        panels.insert(0, PendingCommentsPanel(ReaderComment.objects.pending().count()))
