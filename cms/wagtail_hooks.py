"""Slides and promo blocks in the admin menu «На главной»; the admin's sign-in locks and the
webhooks (cms.webhooks.admin) in the settings menu."""

from axes.models import AccessAttempt

from django.contrib.auth import get_user_model

from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PromoBlock, Slide
from .pages import declare_tags
from .webhooks.admin import webhooks_viewset


class SlideViewSet(SnippetViewSet):
    model = Slide
    icon = "image"
    menu_label = "Слайдер"
    list_display = ["title", "starts_at", "ends_at", LiveStatusTagColumn()]
    search_fields = ["title"]


class PromoBlockViewSet(SnippetViewSet):
    model = PromoBlock
    icon = "pick"
    menu_label = "Промоблоки"
    list_display = ["title", "group", "starts_at", "ends_at", LiveStatusTagColumn()]
    list_filter = ["group", "live"]
    search_fields = ["title"]


class HomePageContentGroup(SnippetViewSetGroup):
    menu_label = "На главной"
    menu_icon = "home"
    menu_order = 200
    items = (SlideViewSet, PromoBlockViewSet)


register_snippet(HomePageContentGroup)


class SuperusersMayLiftLocks(BasePermissionPolicy):
    """The admin's sign-in locks (django-axes' failure counts): superusers see them and lift
    one by deleting it; nobody adds or edits them."""

    actions = {"view", "delete"}

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in self.actions

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        superusers = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return superusers if self.actions & set(actions) else superusers.none()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(AccessAttempt, SuperusersMayLiftLocks(AccessAttempt))


class SignInLockViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Блокировки входа"
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    form_fields = ["username"]  # ModelViewSet wants a form; the policy refuses add and edit
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_sign_in_locks():
    return SignInLockViewSet("sign_in_locks")


@hooks.register("register_admin_viewset")
def register_webhooks():
    return webhooks_viewset


@hooks.register("before_serve_page")
def declare_cache_tags(page, request, serve_args, serve_kwargs):
    """A page's cached answer is stored under the tags it says it is made from (cms.cachetags)."""
    declare_tags(page, request)
