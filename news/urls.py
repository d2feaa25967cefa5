from django.urls import include, path

from .feeds import LatestNewsFeed

urlpatterns = [
    path("rss/", LatestNewsFeed(), name="news_feed"),
    path("comments/", include("news.comments.urls")),
]
