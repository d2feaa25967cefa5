"""The Афиша in the admin: readers' sign-ups (events.signup_admin). The audiences are in
home.wagtail_hooks' «Справочники» group."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .signup_admin import EventSignUpViewSet, ViewOnlyPolicy, refuse_deleting_signed_up_events
from .signups import EventSignUp

register_permission_policy(EventSignUp, ViewOnlyPolicy(EventSignUp))
register_snippet(EventSignUpViewSet)
hooks.register("before_delete_page", refuse_deleting_signed_up_events)
