"""Attachment checks by content (never by name) and re-encoding that drops EXIF."""

import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

# Pillow name → (extension, save format, save options).
IMAGE_FORMATS = {
    "JPEG": ("jpg", "JPEG", {"quality": 85, "optimize": True}),
    "PNG": ("png", "PNG", {"optimize": True}),
    "WEBP": ("webp", "WEBP", {"quality": 85}),
    "GIF": ("gif", "GIF", {}),
}
PDF_SIGNATURE = b"%PDF-"
THUMBNAIL_SIZE = (320, 320)
# Frame timing and palette details an animation needs; nothing that describes the author.
KEEP_INFO = {"duration", "loop", "transparency", "background"}


@dataclass
class CheckedFile:
    """An upload that passed the checks, ready to store."""

    kind: str
    content: ContentFile
    thumbnail: ContentFile | None
    original_name: str
    width: int | None = None
    height: int | None = None


def human_size(size):
    return f"{size / (1024 * 1024):.0f} МБ" if size >= 1024 * 1024 else f"{size // 1024} КБ"


def check_upload(upload):
    """Return a CheckedFile or raise a ValidationError in Russian."""
    name = upload.name or "файл"
    limit = settings.COMMENTS_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(f"Файл «{name}» больше {human_size(limit)}.")
    data = upload.read()
    upload.seek(0)
    if data.startswith(PDF_SIGNATURE):
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(f"Файл «{name}» — повреждённый PDF.")
        return CheckedFile("pdf", ContentFile(data, name="file.pdf"), None, name[:255])
    return check_image(data, name)


def check_image(data, name):
    refused = ValidationError(
        f"Файл «{name}» не подходит: можно прикрепить JPEG, PNG, WebP, GIF или PDF."
    )
    max_pixels = settings.COMMENTS_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # A decompression bomb warning becomes an error: such a file is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise refused
                if probe.width * probe.height > max_pixels:
                    raise ValidationError(f"Изображение «{name}» слишком большое по размеру.")
                probe.verify()
            with Image.open(BytesIO(data)) as image:
                image.load()
                return reencode(image, name)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(f"Изображение «{name}» слишком большое по размеру.") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refused from error


def reencode(image, name):
    """A fresh file from the pixels only: EXIF (GPS), comments and other metadata are gone."""
    extension, save_format, options = IMAGE_FORMATS[image.format]
    animated = getattr(image, "is_animated", False)
    if animated:
        # Animated GIF/WebP keep their frames; only the first is turned into a thumbnail.
        frame = image.copy()
    else:
        frame = ImageOps.exif_transpose(image)
    if frame.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        frame = frame.convert("RGB")
    if save_format == "JPEG" and frame.mode not in ("RGB", "L"):
        frame = frame.convert("RGB")
    # Pillow carries EXIF/XMP in .info and some encoders write it back: empty it.
    for carrier in (image, frame):
        carrier.info = {key: value for key, value in carrier.info.items() if key in KEEP_INFO}
    side = settings.COMMENTS_IMAGE_MAX_SIDE
    if not animated and max(frame.size) > side:
        frame.thumbnail((side, side))
    buffer = BytesIO()
    if animated:
        image.seek(0)
        image.save(buffer, save_format, save_all=True, **options)
    else:
        frame.save(buffer, save_format, **options)
    thumb = frame.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode not in ("RGB", "RGBA"):
        thumb = thumb.convert("RGBA")
    thumb_buffer = BytesIO()
    thumb.save(thumb_buffer, "WEBP", quality=80)
    return CheckedFile(
        "image",
        ContentFile(buffer.getvalue(), name=f"file.{extension}"),
        ContentFile(thumb_buffer.getvalue(), name="thumb.webp"),
        name[:255],
        width=frame.width,
        height=frame.height,
    )
