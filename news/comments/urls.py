"""Comment URLs: attachments, and the one django-comments-xtd view we use (mute)."""

from django_comments_xtd import views as xtd_views

from django.urls import path, re_path

from . import views

# Only this xtd view: its own posting, liking and API endpoints would bypass our checks.
urlpatterns = [
    path("files/<int:pk>/<str:name>", views.comment_file, name="comment_file"),
    re_path(r"^mute/(?P<key>[^/]+)/$", xtd_views.mute, name="comments-xtd-mute"),
]
