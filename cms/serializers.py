"""API v2 serializer fields shared by pages and snippets."""

from rest_framework.fields import Field

from .renditions import document_data, image_data


class ReadOnlyField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # Keep the instance: representations need more than one attribute of it.
        self.instance = instance
        return super().get_attribute(instance)


class ImageField(ReadOnlyField):
    """An image with its renditions; `alt_attr` names the page attribute holding alt text."""

    def __init__(self, alt_attr=None, **kwargs):
        self.alt_attr = alt_attr
        super().__init__(**kwargs)

    def to_representation(self, image):
        alt = getattr(self.instance, self.alt_attr, "") if self.alt_attr else ""
        return image_data(image, self.context.get("request"), alt=alt)


class DocumentField(ReadOnlyField):
    def to_representation(self, document):
        return document_data(document, self.context)


class TagNamesField(ReadOnlyField):
    """Tag names from the prefetched tags (Wagtail's own field queries once per item)."""

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())
