"""Approval before publication: «Редактор» writes pages and submits them, «Главный редактор»
approves and publishes, through the workflow «Одобрение главным редактором».

A post_migrate receiver (cms.apps) makes the two groups and the workflow, so a new database
and a flushed one (a live-server test) have them. Each is made only when it is missing: what
the library later changes in the admin (a group's permissions, the workflow's tasks, its
pages, its being disabled) is kept by every later migrate. README, «Approval before
publication», says how to get the defaults back.

Wagtail's migrations make the groups «Editors» and «Moderators» and the workflow «Moderators
approval» with its task of the same name: these are taken over (renamed, their members kept,
their permissions replaced with the ones below) rather than left beside ours in English.
"""

from django.contrib.auth.models import Group

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .groups import ensure_group, find_permissions
from .tree import tree_root

EDITORS_GROUP = "Редактор"
CHIEF_EDITORS_GROUP = "Главный редактор"
WORKFLOW_NAME = "Одобрение главным редактором"
TASK_NAME = "Проверка главным редактором"

# What Wagtail's migrations name them (wagtailcore 0002 and 0048).
WAGTAIL_GROUPS = {EDITORS_GROUP: "Editors", CHIEF_EDITORS_GROUP: "Moderators"}
WAGTAIL_WORKFLOW = "Moderators approval"


def page_permissions(*actions):
    return [("wagtailcore", "page", f"{action}_page") for action in actions]


def media_permissions(*actions):
    return [
        (app_label, model, f"{action}_{model}")
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in actions
    ]


# {group: (permissions of the group, on every page, on every collection)}
EDITORIAL_PERMISSIONS = {
    EDITORS_GROUP: (
        [("wagtailadmin", "admin", "access_admin")],
        page_permissions("add", "change"),
        media_permissions("add", "change", "choose"),
    ),
    CHIEF_EDITORS_GROUP: (
        [("wagtailadmin", "admin", "access_admin")],
        page_permissions("add", "change", "publish", "lock", "unlock"),
        media_permissions("add", "change", "delete", "choose"),
    ),
}


def ensure_editorial_workflow(**kwargs):
    """The two groups and the approval workflow, each made only if missing."""
    root_page = tree_root()
    groups = {name: ensure_editorial_group(name, root_page) for name in EDITORIAL_PERMISSIONS}
    ensure_approval_workflow(groups[CHIEF_EDITORS_GROUP], root_page)


def ensure_editorial_group(name, root_page):
    """The group `name`; made (or taken over from Wagtail's English one) only if missing."""
    group = Group.objects.filter(name=name).first()
    if group:
        return group
    group = Group.objects.filter(name=WAGTAIL_GROUPS[name]).first()
    if group:
        group.name = name
        group.save(update_fields=["name"])
        group.permissions.clear()
        group.page_permissions.all().delete()
        group.collection_permissions.all().delete()
    model_permissions, on_pages, on_collections = EDITORIAL_PERMISSIONS[name]
    group = ensure_group(name, model_permissions)
    # On the tree's root: every page of every site, whichever home page the site has now.
    for permission in find_permissions(on_pages):
        GroupPagePermission.objects.create(group=group, page=root_page, permission=permission)
    root_collection = Collection.get_first_root_node()
    for permission in find_permissions(on_collections):
        GroupCollectionPermission.objects.create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def ensure_approval_workflow(chief_editors, root_page):
    """The workflow, when the database has none but Wagtail's default (which it becomes)."""
    workflow = Workflow.objects.filter(name=WAGTAIL_WORKFLOW).first()
    if workflow:
        workflow.name = WORKFLOW_NAME
        workflow.save(update_fields=["name"])
        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow):
            task.name = TASK_NAME
            task.save(update_fields=["name"])
            task.groups.set([chief_editors])
        return workflow
    if Workflow.objects.exists():
        return None  # the library's own, or ours as the library left it
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([chief_editors])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # The root page, not the home page: the demo (and a library moving to a new home page)
    # replaces the home page, which would take its workflow assignment with it.
    WorkflowPage.objects.create(workflow=workflow, page=root_page)
    return workflow
