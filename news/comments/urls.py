"""Comment URLs: attachments, and the parts of django-comments-xtd we use (mute, permalink)."""

from django_comments_xtd import views as xtd_views

from django.contrib.contenttypes.views import shortcut
from django.urls import path, re_path

from . import views

# Only these xtd views: its own posting, liking and API endpoints would bypass our checks.
urlpatterns = [
    path("files/<int:pk>/<str:name>", views.comment_file, name="comment_file"),
    re_path(r"^mute/(?P<key>[^/]+)/$", xtd_views.mute, name="comments-xtd-mute"),
    re_path(r"^cr/(\d+)/(.+)/$", shortcut, name="comments-url-redirect"),
]
