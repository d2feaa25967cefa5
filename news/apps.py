from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, pre_save


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Новости"

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from cms import invalidation
        from cms.api import api_v2, api_v3
        from cms.backup.storages import register_storage

        from .comments.api import CommentsEndpoint, comments_router
        from .comments.models import comment_file_storage
        from .comments.moderation import ensure_moderators_group
        from .models import (
            CommentAttachment,
            NewsPageRelatedNews,
            NewsPageTag,
            NewsPartner,
            NewsRubric,
            NewsTag,
            ReaderComment,
        )

        # xtd publishes every reply of a comment whenever it is saved, pending ones too:
        # replies wait for their own approval here, and a reply is shown only under a shown
        # parent (ReaderComment.objects.shown()).
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="news.ReaderComment")
        post_migrate.connect(ensure_moderators_group, sender=self)
        post_delete.connect(delete_attachment_files, sender=CommentAttachment)
        invalidation.watch(NewsRubric, NewsTag, NewsPageTag, NewsPageRelatedNews, NewsPartner)
        # Pending comments (and their files) are seen by no reader: they leave the cache alone.
        invalidation.watch(ReaderComment, affects_readers=ReaderComment.affects_readers)
        invalidation.watch(CommentAttachment, affects_readers=CommentAttachment.affects_readers)
        # staged/: files of refused submits, kept a day for a reader fixing a field.
        register_storage("comment-files", comment_file_storage, skip_prefixes=["staged/"])
        api_v2.register_endpoint("comments", CommentsEndpoint)
        api_v3.add_router("/comments/", comments_router)


def delete_attachment_files(sender, instance, **kwargs):
    instance.delete_files()
