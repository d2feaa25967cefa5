"""Readers with accounts and comments in each state, for the account page's tests."""

from io import BytesIO

from allauth.account.models import EmailAddress
from PIL import Image as PILImage

from django.contrib.auth import get_user_model

from news.comments.models import ReaderComment
from news.comments.posting import save_with_files
from news.comments.uploads import check_image
from tests.news.comments_helpers import approved

PASSWORD = "длинный-пароль-читателя"


def make_reader(username="masha", email="masha@example.org", password=PASSWORD, **fields):
    """A reader who signed up and confirmed the e-mail address (None: no password, as after
    a sign-in through a provider)."""
    user = get_user_model().objects.create_user(username, email, password, **fields)
    if password is None:
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def photo(colour=(200, 40, 40)):
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return check_image(buffer.getvalue(), "Моё фото.jpg")


def comment_by(user, page, state="published", text="Мой комментарий", files=0, **fields):
    """The reader's comment in a state: «published» (approved), «pending» or «removed»."""
    comment = approved(
        page,
        user=user,
        user_name=user.get_full_name() or user.get_username(),
        user_email=user.email,
        comment=text,
        is_public=state == "published",
        is_removed=state == "removed",
        **fields,
    )
    if files:
        save_with_files(comment, [photo() for _ in range(files)])
    return comment


def reload(comment):
    return ReaderComment.objects.filter(pk=comment.pk).first()
