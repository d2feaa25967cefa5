"""Bulk inserts that bulk_create refuses: multi-table models and new Wagtail tree nodes."""

from django.db import connections, router
from django.db.models import F

from wagtail.models import Page


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_insert(objs, with_ids=None):
    """Insert unsaved instances of one model: one multi-row INSERT per table and batch.

    Works for multi-table inheritance (a NewsPage is a row of wagtailcore_page and one of
    news_newspage): the root table's INSERT returns the ids, which become the primary keys
    of the tables below it. `with_ids(objs)`, if given, runs in between, for columns of those
    tables that refer to the new ids. Like bulk_create, it calls no save() and sends no signals.
    """
    if not objs:
        return objs
    model = type(objs[0])
    using = router.db_for_write(model)
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:
        raise RuntimeError(f"{connection.vendor} cannot return ids from a bulk insert")
    root, *below = [*reversed(model._meta.get_parent_list()), model]
    root_fields = [field for field in root._meta.local_concrete_fields if not field.primary_key]
    for batch in _batches(objs, connection.ops.bulk_batch_size(root_fields, objs)):
        rows = root._base_manager._insert(
            batch, fields=root_fields, returning_fields=[root._meta.pk], using=using
        )
        for obj, (pk,) in zip(batch, rows, strict=True):
            for table_model in (root, *below):
                setattr(obj, table_model._meta.pk.attname, pk)
            obj._state.adding = False
            obj._state.db = using
    if with_ids:
        with_ids(objs)
    for table_model in below:
        fields = table_model._meta.local_concrete_fields
        for batch in _batches(objs, connection.ops.bulk_batch_size(fields, objs)):
            table_model._base_manager._insert(batch, fields=fields, using=using)
    return objs


def append_children(parent, pages):
    """Insert unsaved pages as the parent's last children, with the tree fields treebeard sets.

    Paths continue after the parent's last child (steplen 4, base 36), so the tree stays
    valid for Page.find_problems() and for pages an editor adds later.
    """
    last_child = parent.get_last_child()
    first_step = last_child._get_lastpos_in_path() + 1 if last_child else 1
    depth = parent.depth + 1
    for step, page in enumerate(pages, first_step):
        page.path = Page._get_path(parent.path, depth, step)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
    bulk_insert(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages
