"""StreamField blocks shared by the site's page types."""

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
