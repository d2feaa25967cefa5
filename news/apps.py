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

        from . import cache_rules as rules
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
        invalidation.watch(NewsRubric, affects=rules.rubric_changed)
        invalidation.watch(NewsTag, affects=rules.tag_changed)
        invalidation.watch(NewsPageTag, affects=rules.tag_link_changed)
        invalidation.watch(NewsPageRelatedNews, affects=rules.related_link_changed)
        invalidation.watch(NewsPartner, affects=rules.partner_link_changed)
        # Pending comments (and their files) are seen by no reader: they leave the cache alone.
        invalidation.watch(
            ReaderComment,
            affects_readers=ReaderComment.affects_readers,
            affects=rules.comment_changed,
        )
        invalidation.watch(
            CommentAttachment,
            affects_readers=CommentAttachment.affects_readers,
            affects=rules.attachment_changed,
        )
        # staged/: files of refused submits, kept a day for a reader fixing a field.
        register_storage("comment-files", comment_file_storage, skip_prefixes=["staged/"])
        api_v2.register_endpoint("comments", CommentsEndpoint)
        api_v3.add_router("/comments/", comments_router)


def delete_attachment_files(sender, instance, **kwargs):
    instance.delete_files()
