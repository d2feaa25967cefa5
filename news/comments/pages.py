"""What a page type needs to take comments: mix CommentsMixin in before BasePage."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel

from .display import CommentSection
from .posting import post_comment


class CommentsMixin(models.Model):
    """Comments under the page: a per-page switch, POST handling and the section's context."""

    comments_enabled = models.BooleanField(
        "Разрешить комментарии",
        default=True,
        help_text="Уже опубликованные комментарии видны и при выключенном переключателе.",
    )

    comments_panels = [FieldPanel("comments_enabled")]

    class Meta:
        abstract = True

    def get_absolute_url(self):
        # django-comments-xtd links and redirects to comments through this.
        return self.get_url()

    def comments_open(self):
        return settings.COMMENTS_ENABLED and self.comments_enabled

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and self.comments_open():
            outcome = post_comment(self, request)
            if not hasattr(outcome, "fields"):
                return outcome
            response = super().serve(request, *args, comment_form=outcome, **kwargs)
            response.status_code = outcome.status_code
            return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, comment_form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if settings.COMMENTS_ENABLED:
            context["comment_section"] = CommentSection(self, request, comment_form)
        return context
