from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, pre_save


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Новости"

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from .comments.models import CommentAttachment
        from .comments.moderation import ensure_moderators_group

        # xtd publishes every reply of a comment whenever it is saved, pending ones too:
        # replies wait for their own approval here, and the page hides orphans instead.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="news.ReaderComment")
        post_migrate.connect(ensure_moderators_group, sender=self)
        post_delete.connect(delete_attachment_files, sender=CommentAttachment)


def delete_attachment_files(sender, instance, **kwargs):
    instance.delete_files()
