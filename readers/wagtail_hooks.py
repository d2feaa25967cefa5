"""«Настройки → Вход через соцсети» (readers.admin_views), for superusers only."""

from allauth.socialaccount.models import SocialApp

from django.contrib.auth import get_user_model

from wagtail import hooks
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import social_apps_viewset


class SuperusersOnly(BasePermissionPolicy):
    """Provider credentials let the site act on readers' behalf: superusers only."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(SocialApp, SuperusersOnly(SocialApp))


@hooks.register("register_admin_viewset")
def register_social_apps():
    return social_apps_viewset
