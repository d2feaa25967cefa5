"""Attachment checks by content (never by name) and re-encoding that drops EXIF.

Two steps, so that a refused post costs little: `inspect_upload` reads only what the file's
header says (type, dimensions, frames) and refuses what is too large before any pixel is
decoded; `decode` then decodes, at no more than the size that is stored, and re-encodes.
"""

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
PDF, IMAGE = "pdf", "image"


@dataclass
class CheckedFile:
    """An upload that passed the checks, ready to store."""

    kind: str
    content: ContentFile
    thumbnail: ContentFile | None
    original_name: str
    width: int | None = None
    height: int | None = None


@dataclass
class InspectedFile:
    """An upload whose header passed: not decoded yet. `pixels` is what decoding it costs
    (every frame, at the reduced size a JPEG is decoded at)."""

    kind: str
    data: bytes
    name: str
    pixels: int = 0


def human_size(size):
    return f"{size / (1024 * 1024):.0f} МБ" if size >= 1024 * 1024 else f"{size // 1024} КБ"


def refused_type(name):
    return ValidationError(
        f"Файл «{name}» не подходит: можно прикрепить JPEG, PNG, WebP, GIF или PDF."
    )


def too_large(name):
    return ValidationError(f"Изображение «{name}» слишком большое по размеру.")


def inspect_upload(upload):
    """Return an InspectedFile or raise a ValidationError in Russian; decodes no pixels."""
    name = upload.name or "файл"
    limit = settings.COMMENTS_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(f"Файл «{name}» больше {human_size(limit)}.")
    data = upload.read()
    upload.seek(0)
    if data.startswith(PDF_SIGNATURE):
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(f"Файл «{name}» — повреждённый PDF.")
        return InspectedFile(PDF, data, name)
    return inspect_image(data, name)


def inspect_image(data, name):
    try:
        with warnings.catch_warnings():
            # Pillow's own decompression bomb warning (over Image.MAX_IMAGE_PIXELS, far above
            # the setting) becomes an error too: such a file is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise refused_type(name)
                if probe.width * probe.height > settings.COMMENTS_IMAGE_MAX_PIXELS:
                    raise too_large(name)
                frames = getattr(probe, "n_frames", 1)
                width, height = decoding_size(probe)
                probe.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_large(name) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise refused_type(name) from error
    return InspectedFile(IMAGE, data, name, pixels=width * height * frames)


def check_pixel_budget(inspected):
    """All the images of one post together may cost no more than COMMENTS_UPLOAD_MAX_PIXELS."""
    if sum(item.pixels for item in inspected) > settings.COMMENTS_UPLOAD_MAX_PIXELS:
        raise ValidationError(
            "Изображения вместе слишком большие: прикрепите меньше файлов или уменьшите их."
        )


def stored_size(size):
    """The size an image is stored at: within COMMENTS_IMAGE_MAX_SIDE, the same proportions."""
    side = settings.COMMENTS_IMAGE_MAX_SIDE
    width, height = size
    if max(size) <= side:
        return size
    scale = side / max(size)
    return max(1, int(width * scale)), max(1, int(height * scale))


def decoding_size(image):
    """Ask the decoder for no more than is stored: a JPEG is then decoded at 1/2, 1/4 or 1/8 of
    its size (Image.draft; other formats decode at full size). Call before the pixels load;
    an animation keeps every frame at full size."""
    if not getattr(image, "is_animated", False):
        image.draft(None, stored_size(image.size))
    return image.size


def decode(inspected):
    """Decode an inspected upload and store it afresh; raise a ValidationError if it is broken."""
    if inspected.kind == PDF:
        return CheckedFile(
            PDF, ContentFile(inspected.data, name="file.pdf"), None, inspected.name[:255]
        )
    try:
        with Image.open(BytesIO(inspected.data)) as image:
            decoding_size(image)
            image.load()
            return reencode(image, inspected.name)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise refused_type(inspected.name) from error


def check_image(data, name):
    """Inspect and decode image bytes in one go (the demo and bench data sets use it)."""
    return decode(inspect_image(data, name))


def reencode(image, name):
    """A fresh file from the pixels only: EXIF (GPS), comments and other metadata are gone."""
    extension, save_format, options = IMAGE_FORMATS[image.format]
    animated = getattr(image, "is_animated", False)
    if animated:
        # Animated GIF/WebP keep their frames; only the first is turned into a thumbnail.
        frame = image.copy()
    else:
        # Scaled down first, so the copies below are of the stored size, not the upload's.
        side = settings.COMMENTS_IMAGE_MAX_SIDE
        image.thumbnail((side, side))
        frame = ImageOps.exif_transpose(image)
    if frame.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        frame = frame.convert("RGB")
    if save_format == "JPEG" and frame.mode not in ("RGB", "L"):
        frame = frame.convert("RGB")
    # Pillow carries EXIF/XMP in .info and some encoders write it back: empty it.
    for carrier in (image, frame):
        carrier.info = {key: value for key, value in carrier.info.items() if key in KEEP_INFO}
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
        IMAGE,
        ContentFile(buffer.getvalue(), name=f"file.{extension}"),
        ContentFile(thumb_buffer.getvalue(), name="thumb.webp"),
        name[:255],
        width=frame.width,
        height=frame.height,
    )
