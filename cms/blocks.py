"""StreamField blocks shared by the site's page types."""

from django.template.defaultfilters import filesizeformat

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock as BaseImageChooserBlock
from wagtail.rich_text import expand_db_html

from .addressing import absolute_links
from .renditions import document_data, image_data


class ImageChooserBlock(BaseImageChooserBlock):
    """Loads the images of all blocks of a kind with their renditions in two queries.

    Without this a page with twenty images would run a rendition query per image.
    """

    def bulk_to_python(self, values):
        values = list(values)
        objects = self.model_class.objects.prefetch_renditions().in_bulk(
            [value for value in values if value is not None]
        )
        return [objects.get(value) for value in values]


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Изображение")
    alt = blocks.CharBlock(
        label="Альтернативный текст",
        required=False,
        help_text="Что изображено, для незрячих читателей. Пусто — описание из галереи.",
    )
    caption = blocks.CharBlock(label="Подпись", required=False)

    class Meta:
        icon = "image"
        label = "Изображение"
        template = "blocks/captioned_image.html"

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        return {
            "image": image_data(value["image"], request, alt=value["alt"]),
            "caption": value["caption"],
        }


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Заголовок", required=False)
    images = blocks.ListBlock(CaptionedImageBlock(), label="Изображения", min_num=1)

    class Meta:
        icon = "image"
        label = "Галерея"
        template = "blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Цитата")
    author = blocks.CharBlock(label="Автор", required=False)

    class Meta:
        icon = "openquote"
        label = "Цитата"
        template = "blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video on RuTube, VK Video or YouTube, shown as a link card.

    Nothing is embedded until the reader follows the link: a children's site must
    not load third-party players (and their trackers) on its own pages.
    """

    url = blocks.URLBlock(label="Ссылка на видео")
    title = blocks.CharBlock(label="Название видео")

    class Meta:
        icon = "media"
        label = "Видео"
        template = "blocks/video.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Документ")
    title = blocks.CharBlock(label="Текст ссылки", required=False)

    class Meta:
        icon = "doc-full"
        label = "Документ"
        template = "blocks/document_link.html"

    def get_api_representation(self, value, context=None):
        return {"title": value["title"], "document": document_data(value["document"], context)}


def document_facts(document):
    """{type, size, label} of a document: «PDF», its size in bytes (None when the file is
    gone) and «PDF, 1,2 МБ», what a reader sees beside the link before opening it."""
    kind = document.file_extension.upper() or "Файл"
    try:
        size = document.get_file_size()
    except OSError:  # the file is missing from storage; the link still names its type
        size = None
    return {
        "type": kind,
        "size": size,
        "label": f"{kind}, {filesizeformat(size)}" if size is not None else kind,
    }


class ListedDocumentBlock(blocks.StructBlock):
    """An official document: its name, date and number as the document itself gives them."""

    title = blocks.CharBlock(
        label="Название", required=False, help_text="Пусто — название документа из библиотеки."
    )
    date = blocks.DateBlock(label="Дата", required=False)
    number = blocks.CharBlock(label="Номер", required=False, max_length=50)
    document = DocumentChooserBlock(label="Файл")

    class Meta:
        icon = "doc-full"
        label = "Документ"

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "title": value["title"] or (document.title if document else ""),
            "date": value["date"].isoformat() if value["date"] else None,
            "number": value["number"],
            "document": document_data(document, context) | document_facts(document)
            if document
            else None,
        }


class DocumentListBlock(blocks.StructBlock):
    """Documents with their dates, numbers, types and sizes («Сведения об организации»)."""

    heading = blocks.CharBlock(label="Заголовок списка", required=False)
    documents = blocks.ListBlock(ListedDocumentBlock(), label="Документы", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Список документов"
        template = "blocks/document_list.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = [
            {
                "title": item["title"] or item["document"].title,
                "date": item["date"],
                "number": item["number"],
                "document": item["document"],
                "facts": document_facts(item["document"]),
            }
            for item in value["documents"]
            if item["document"] is not None  # a deleted file: nothing to open, so not listed
        ]
        return context

    def get_api_representation(self, value, context=None):
        item_block = self.child_blocks["documents"].child_block
        return {
            "heading": value["heading"],
            "documents": [
                item_block.get_api_representation(item, context) for item in value["documents"]
            ],
        }


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="Текст", features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentLinkBlock()

    def get_api_representation(self, value, context=None):
        """[{type, value, id}]: the one shape of body blocks in API v2, v3 and the export,
        rich text as the page shows it with absolute links (docs/api.md, «Body blocks»)."""
        request = (context or {}).get("request")
        return [
            {
                "type": child.block.name,
                "value": absolute_links(expand_db_html(child.value.source), request)
                if child.block.name == "paragraph"
                else child.block.get_api_representation(child.value, context=context),
                "id": child.id,
            }
            for child in value or []
        ]
