"""Serving attachments: to everyone while the comment is shown, otherwise to moderators and
to the signed-in author."""

from pathlib import Path

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .models import CONTENT_TYPES, CommentAttachment


@require_safe
def comment_file(request, pk, name):
    attachment = CommentAttachment.objects.open_to(request.user).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    # A guest only ever gets shown files; for others, one more look decides the caching.
    is_shown = (
        not request.user.is_authenticated
        or CommentAttachment.objects.shown().filter(pk=pk).exists()
    )
    stored = {
        Path(field.name).name: field for field in (attachment.file, attachment.thumbnail) if field
    }
    field = stored.get(name)
    if field is None:
        raise Http404
    # Streamed from the disk or the private bucket alike, never a redirect to the bucket:
    # the headers below stay the site's, and a file has no address of its own (README).
    response = FileResponse(
        field.open("rb"),
        content_type=CONTENT_TYPES.get(Path(name).suffix, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    if attachment.kind == CommentAttachment.KIND_PDF:
        filename = f"vlozhenie-{attachment.pk}.pdf"
        # Downloaded, not opened in the site's origin: a PDF may carry scripts.
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Moderators' and authors' views of unshown files must not be cached by a shared proxy.
    response["Cache-Control"] = "public, max-age=3600" if is_shown else "private, no-store"
    return response
