"""The comment's page in the admin: the comment with its files, place, news item and thread,
and what a moderator does from there (approve, remove, reply as the library, next in queue)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from wagtail.snippets.views.snippets import InspectView

from .models import CommentAttachment, ReaderComment
from .moderation import (
    ReplyRefused,
    approve,
    moderation_url,
    next_pending,
    remove,
    reply_as_library,
)

QUEUE_URL = "wagtailsnippets_news_readercomment:list"


class LibraryReplyForm(forms.Form):
    text = forms.CharField(
        label="Ответ от библиотеки",
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": settings.COMMENT_MAX_LENGTH}),
        help_text="Публикуется сразу, под подписью «Библиотека», ответом на этот комментарий.",
        error_messages={
            "required": "Напишите текст ответа.",
            "max_length": "Не больше %(limit_value)d знаков (сейчас %(show_value)d).",
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 2:
            raise forms.ValidationError("Напишите текст ответа.")
        return text


class CommentModerationView(InspectView):
    """GET: the comment and its context, in a fixed number of queries whatever the thread's
    size. POST (the «change» permission): approve, remove, approve and open the next pending
    comment, or publish the library's reply."""

    page_title = "Модерация комментария"
    reply_form = None

    def get_fields(self):
        return []  # the template shows the comment itself, not a list of its fields

    def get_page_subtitle(self):
        return str(self.object)

    @cached_property
    def can_moderate(self):
        return self.user_has_permission("change")

    def post(self, request, *args, **kwargs):
        if not self.can_moderate:
            raise PermissionDenied
        action = request.POST.get("action")
        comment = self.object
        if action in ("approve", "approve_next"):
            if approve([comment], request.user):
                messages.success(request, f"Комментарий одобрен и опубликован: {comment}")
            else:
                messages.info(request, "Комментарий уже был опубликован.")
            if action == "approve_next":
                return self.redirect_to_next()
        elif action == "remove":
            if remove([comment], request.user):
                messages.success(request, f"Комментарий снят с публикации: {comment}")
            else:
                messages.info(request, "Комментарий уже снят с публикации.")
        elif action == "reply":
            return self.reply()
        else:
            messages.error(request, "Неизвестное действие: обновите страницу и попробуйте снова.")
        return redirect(moderation_url(comment))

    def redirect_to_next(self):
        following = next_pending(self.object)
        if following is None:
            messages.info(self.request, "Очередь пуста: все комментарии проверены.")
            return redirect(reverse(QUEUE_URL) + "?status=pending")
        return redirect(moderation_url(following))

    def reply(self):
        self.reply_form = LibraryReplyForm(self.request.POST)
        if self.reply_form.is_valid():
            try:
                answer = reply_as_library(
                    self.object, self.reply_form.cleaned_data["text"], self.request.user
                )
            except ReplyRefused as refusal:
                messages.error(self.request, str(refusal))
            else:
                self.announce_reply(answer)
                return redirect(f"{moderation_url(self.object)}#{answer.anchor}")
        response = self.get(self.request)
        response.status_code = 400
        return response

    def announce_reply(self, answer):
        if ReaderComment.objects.shown().filter(pk=answer.pk).exists():
            messages.success(
                self.request,
                format_html(
                    'Ответ библиотеки опубликован. <a href="{}">Посмотреть на сайте</a>',
                    answer.get_absolute_url(),
                ),
            )
        else:
            messages.warning(
                self.request,
                "Ответ сохранён, но читатели его не увидят, пока не одобрены комментарии "
                "выше в ветке или пока новость не опубликована.",
            )

    @cached_property
    def thread(self):
        """The whole thread in every state, each reply after its parent (xtd's `order`; not
        rebuilt as a tree, so a reply whose parent was deleted still shows); the files each
        comment shows are the ones this user may open (CommentAttachment.objects.open_to)."""
        comments = (
            ReaderComment.objects.filter(thread_id=self.object.thread_id)
            .prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=CommentAttachment.objects.open_to(self.request.user),
                )
            )
            .order_by("order")
        )
        return list(comments)

    @cached_property
    def comment(self):
        """The comment from the thread (with its files), or itself if the thread is broken."""
        return next((c for c in self.thread if c.pk == self.object.pk), self.object)

    def page_edit_url(self, page):
        if page is not None and page.permissions_for_user(self.request.user).can_edit():
            return reverse("wagtailadmin_pages:edit", args=[page.pk])
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.comment
        page = comment.content_object
        following = next_pending(comment)
        context.update(
            comment=comment,
            thread=self.thread,
            news_page=page,
            news_edit_url=self.page_edit_url(page),
            can_moderate=self.can_moderate,
            reply_form=self.reply_form or LibraryReplyForm(),
            replies_under_parent=comment.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
            next_url=moderation_url(following) if following else "",
            pending_count=ReaderComment.objects.pending().count(),
            queue_url=reverse(QUEUE_URL) + "?status=pending",
            # The header's history link: who approved, removed or answered (as the library).
            history_url=reverse("wagtailsnippets_news_readercomment:history", args=[comment.pk]),
        )
        return context
