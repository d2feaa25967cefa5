"""Images and documents as the API and the export describe them (renditions: sizes × formats)."""

RENDITION_SPECS = {
    "thumbnail": "fill-400x250",
    "medium": "width-960",
    "large": "width-1440",
}
FORMATS = ("jpeg", "webp")


def rendition_filter_specs():
    return [f"{spec}|format-{fmt}" for spec in RENDITION_SPECS.values() for fmt in FORMATS]


def image_data(image, request=None, alt=""):
    """{id, title, alt, width, height, renditions: {large_webp: {url, width, height}, …}}."""
    if image is None:
        return None
    renditions = image.get_renditions(*rendition_filter_specs())
    data = {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "renditions": {},
    }
    for name, spec in RENDITION_SPECS.items():
        for fmt in FORMATS:
            rendition = renditions[f"{spec}|format-{fmt}"]
            url = request.build_absolute_uri(rendition.url) if request else rendition.url
            data["renditions"][f"{name}_{fmt}"] = {
                "url": url,
                "width": rendition.width,
                "height": rendition.height,
            }
    return data


def document_data(document, context=None):
    """{id, title, url, extension, size} of a Wagtail document, or None."""
    if document is None:
        return None
    request = (context or {}).get("request")
    url = document.url
    return {
        "id": document.pk,
        "title": document.title,
        "url": request.build_absolute_uri(url) if request else url,
        "extension": document.file_extension,
    }
