"""The comment form: guests and signed-in readers, consent, files, place, anti-spam checks."""

import re
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django_comments.forms import CommentSecurityForm
from django_comments_xtd.forms import XtdCommentForm

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.datastructures import MultiValueDict

from .accounts import public_name
from .models import CommentStopWord, ReaderComment, comment_file_storage
from .threads import MAX_ID
from .uploads import CheckedFile, check_pixel_budget, decode, inspect_upload

STAGED_SALT = "news.comments.staged"
STAGED_MAX_AGE = 2 * 60 * 60
LINK_PATTERN = re.compile(r"(https?://|www\.)", re.IGNORECASE)
COORDINATE_STEP = Decimal("0.01")  # about 1 km: a commenter's place, never their house
# Fields a reader fixes by hand: when only these are refused, the files are worth decoding
# and keeping for the next submit. Refused files, the honeypot or the security fields say
# the post is hostile or stale: its files are never decoded.
FIXABLE_FIELDS = {"name", "email", "comment", "consent", "place_name", "followup"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class StagedFilesField(forms.Field):
    """Signed tokens of files already checked on an earlier, refused submit."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [item for item in (value or []) if item]


def round_coordinate(value):
    return Decimal(str(value)).quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)


def hold_reason(text):
    """Why a comment must wait for a moderator even when its author needs no pre-moderation."""
    reasons = []
    links = len(LINK_PATTERN.findall(text))
    if links > settings.COMMENTS_MAX_LINKS:
        reasons.append(f"ссылок: {links} (больше {settings.COMMENTS_MAX_LINKS})")
    lowered = text.lower()
    found = [
        word
        for word in CommentStopWord.objects.values_list("word", flat=True)
        if word.lower() in lowered
    ]
    if found:
        reasons.append("стоп-слова: " + ", ".join(f"«{word}»" for word in found))
    return "; ".join(reasons)


class ReaderCommentForm(XtdCommentForm):
    """Posted to the news page itself, so errors come back next to the fields, no JS needed."""

    consent = forms.BooleanField(
        label="Я даю согласие на обработку персональных данных",
        error_messages={"required": "Без согласия на обработку данных комментарий не отправить."},
    )
    place_name = forms.CharField(label="Место", max_length=100, required=False)
    latitude = forms.DecimalField(
        label="Широта", required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        label="Долгота", required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    attachments = MultipleFileField(label="Файлы", required=False)
    staged = StagedFilesField(required=False)

    def __init__(self, target_object, *args, user=None, stages_files=False, **kwargs):
        self.user = user if user is not None and user.is_authenticated else None
        self.stages_files = stages_files  # the page's form keeps files of a refused submit
        super().__init__(target_object, *args, **kwargs)
        del self.fields["url"]
        fields = self.fields
        fields["name"].label = "Имя"
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        fields["email"].label = "Электронная почта"
        fields["email"].help_text = "Не показывается на сайте."
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        fields["comment"].label = "Комментарий"
        fields["comment"].help_text = f"До {settings.COMMENT_MAX_LENGTH} знаков."
        fields["comment"].widget = forms.Textarea(
            attrs={"rows": 5, "maxlength": settings.COMMENT_MAX_LENGTH}
        )
        fields["comment"].error_messages["required"] = "Напишите текст комментария."
        fields["name"].error_messages["required"] = "Укажите имя."
        fields["email"].error_messages["required"] = "Укажите электронную почту."
        fields["followup"].label = "Сообщать мне по почте об ответах и публикации"
        fields["followup"].widget.attrs = {}
        fields["honeypot"].label = "Не заполняйте это поле"
        fields["attachments"].help_text = (
            f"До {settings.COMMENTS_MAX_ATTACHMENTS} файлов: JPEG, PNG, WebP, GIF или PDF, "
            f"каждый до {settings.COMMENTS_ATTACHMENT_MAX_BYTES // (1024 * 1024)} МБ."
        )
        fields["attachments"].widget.attrs["accept"] = (
            "image/jpeg,image/png,image/webp,image/gif,application/pdf"
        )
        fields["place_name"].widget.attrs["maxlength"] = 100
        if self.user:
            # A signed-in reader's name and e-mail come from the account.
            for name in ("name", "email"):
                fields[name].required = False
                fields[name].widget = forms.HiddenInput()
        self.inspected_files = []
        self.checked_files = []

    # Security checks (their messages are in Russian, like every other one).
    def clean_security_hash(self):
        expected = self.generate_security_hash(
            content_type=self.data.get("content_type", ""),
            object_pk=self.data.get("object_pk", ""),
            timestamp=self.data.get("timestamp", ""),
        )
        if not constant_time_compare(expected, self.cleaned_data["security_hash"]):
            raise ValidationError("Форма повреждена. Обновите страницу и отправьте ещё раз.")
        return self.cleaned_data["security_hash"]

    def clean_timestamp(self):
        try:
            return super().clean_timestamp()
        except ValidationError as error:
            raise ValidationError(
                "Форма устарела. Обновите страницу и отправьте комментарий ещё раз."
            ) from error

    def clean_honeypot(self):
        if self.cleaned_data["honeypot"]:
            raise ValidationError("Комментарий похож на спам и не принят.")
        return ""

    def clean_name(self):
        if self.user:
            return public_name(self.user)
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError("Укажите имя.")
        if name.casefold() == ReaderComment.LIBRARY_AUTHOR.casefold():
            raise ValidationError("Так подписаны ответы библиотеки: укажите своё имя.")
        return name

    def clean_email(self):
        if self.user:
            return self.user.email
        return self.cleaned_data["email"]

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if len(text) < 2:
            raise ValidationError("Напишите текст комментария.")
        return text

    def clean_reply_to(self):
        parent_id = self.cleaned_data["reply_to"] or 0
        if parent_id:
            parent = (
                ReaderComment.objects.for_page(self.target_object)
                .shown()
                .filter(pk=parent_id)
                .first()
            )
            if parent is None or not parent.allow_thread():
                raise ValidationError("На этот комментарий ответить нельзя.")
        return parent_id

    def clean_latitude(self):
        value = self.cleaned_data["latitude"]
        return None if value is None else round_coordinate(value)

    def clean_longitude(self):
        value = self.cleaned_data["longitude"]
        return None if value is None else round_coordinate(value)

    def clean_place_name(self):
        return " ".join(self.cleaned_data["place_name"].split())

    def clean_staged(self):
        staged = []
        for token in self.cleaned_data["staged"]:
            try:
                data = signing.loads(token, salt=STAGED_SALT, max_age=STAGED_MAX_AGE)
            except signing.BadSignature as error:
                raise ValidationError("Прикреплённые файлы устарели: выберите их снова.") from error
            if not comment_file_storage.exists(data["file"]):
                raise ValidationError("Прикреплённые файлы устарели: выберите их снова.")
            staged.append(data | {"token": token})
        return staged

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        already = len(self.data.getlist("staged")) if hasattr(self.data, "getlist") else 0
        limit = settings.COMMENTS_MAX_ATTACHMENTS
        if already + len(files) > limit:
            raise ValidationError(f"Можно прикрепить не больше {limit} файлов.")
        errors = []
        self.inspected_files = []
        for upload in files:
            try:
                self.inspected_files.append(inspect_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if not errors:
            try:
                check_pixel_budget(self.inspected_files)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            self.inspected_files = []
            raise ValidationError(errors)
        return files

    def decode_files(self):
        """Decode the files whose headers passed, once the rest of the form says they are
        needed: the comment is taken, or the page's reader only has fields to fix (the files
        are then staged for the next submit)."""
        if not self.inspected_files:
            return
        refused = set(self.errors)
        if refused and not (self.stages_files and refused <= FIXABLE_FIELDS):
            return
        errors = []
        for inspected in self.inspected_files:
            try:
                self.checked_files.append(decode(inspected))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            self.checked_files = []
            self.add_error("attachments", errors)

    def refuse_unread(self, message):
        """Refuse the post before its files are read (the rate limit): the fields are checked
        and shown again; the uploads are neither decoded nor kept."""
        self.files = MultiValueDict()
        self.is_valid()
        self.add_error(None, message)

    def clean(self):
        cleaned = super().clean()
        cleaned["url"] = ""  # the base form's field, removed: commenters' links are not wanted
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error("place_name", "Координаты неполные: поделитесь местоположением снова.")
        self.decode_files()
        return cleaned

    def top_errors(self):
        """Errors with no visible field of their own: shown above the form."""
        errors = list(self.non_field_errors())
        for name in [field.name for field in self.hidden_fields()] + ["honeypot"]:
            errors.extend(self.errors.get(name, []))
        return errors

    def refresh_security_data(self):
        """A refused form comes back with a fresh timestamp: fixing it may take its time."""
        data = self.data.copy()
        for key, value in self.generate_security_data().items():
            data[key] = value
        self.data = data

    def stage_files(self):
        """Keep files that passed on a refused submit: the reader need not pick them again."""
        for checked in self.checked_files:
            stem = f"staged/{uuid.uuid4().hex}"
            data = {
                "kind": checked.kind,
                "name": checked.original_name,
                "file": comment_file_storage.save(
                    stem + Path(checked.content.name).suffix, checked.content
                ),
                "width": checked.width,
                "height": checked.height,
            }
            if checked.thumbnail:
                data["thumb"] = comment_file_storage.save(stem + "-thumb.webp", checked.thumbnail)
            token = signing.dumps(data, salt=STAGED_SALT)
            self.cleaned_data.setdefault("staged", []).append(data | {"token": token})
        self.checked_files = []

    def staged_files(self):
        """Files carried over from an earlier submit, for the template."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return []
        return self.cleaned_data.get("staged") or []

    def all_files(self):
        """Everything to attach: carried-over files first, then the new ones."""
        files = []
        for data in self.cleaned_data.get("staged") or []:
            content = ContentFile(comment_file_storage.open(data["file"]).read(), name=data["file"])
            thumb = None
            if data.get("thumb"):
                thumb = ContentFile(
                    comment_file_storage.open(data["thumb"]).read(), name=data["thumb"]
                )
            files.append(
                CheckedFile(
                    data["kind"],
                    content,
                    thumb,
                    data["name"],
                    data.get("width"),
                    data.get("height"),
                )
            )
        return files + self.checked_files

    def get_comment_model(self):
        return ReaderComment

    def get_comment_create_data(self, site_id=None):
        data = super().get_comment_create_data(site_id=site_id)
        data.pop("content_object", None)
        cleaned = self.cleaned_data
        data.update(
            user_url="",
            user=self.user,
            consent=cleaned["consent"],
            consent_at=timezone.now(),
            place_name=cleaned["place_name"],
            latitude=cleaned["latitude"],
            longitude=cleaned["longitude"],
            is_public=False,
        )
        return data


def fresh_security_data(page):
    """The security fields a form for `page` built now carries (content type, id, timestamp
    and the hash of the three): made by CommentSecurityForm alone, since ReaderCommentForm
    checks them but makes them no differently, without building the form's other fields."""
    return CommentSecurityForm(page).initial


def requested_reply_to(request):
    """The comment `?reply_to=` asks the blank form to answer, or None."""
    reply_to = request.GET.get("reply_to", "")
    # isdecimal, not isdigit: int("²") fails; a number past the ids overflows SQLite.
    if reply_to.isdecimal() and 0 < int(reply_to) <= MAX_ID:
        return int(reply_to)
    return None


def build_form(page, request, data=None, files=None):
    """The page's form: a signed-in reader's (name and e-mail from the account) or a guest's."""
    initial = {}
    if data is None and (reply_to := requested_reply_to(request)) is not None:
        initial["reply_to"] = reply_to
    return ReaderCommentForm(
        page,
        data=data,
        files=files,
        initial=initial,
        user=getattr(request, "user", None),
        stages_files=True,
    )
