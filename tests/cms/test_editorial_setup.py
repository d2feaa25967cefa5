"""The editors' groups and the approval workflow (cms.editorial) come with every migrate and
every flush, in Russian, and a later migrate keeps what the library changed in the admin."""

import pytest

from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal

from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

from cms.editorial import CHIEF_EDITORS_GROUP, EDITORS_GROUP, TASK_NAME, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def migrate_again():
    """What `migrate` and `flush` end with: every app's post_migrate receivers."""
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def permissions(group):
    return {
        "model": sorted(permission.codename for permission in group.permissions.all()),
        "pages": sorted(
            (item.permission.codename, item.page.depth) for item in group.page_permissions.all()
        ),
        "collections": sorted(
            (item.permission.codename, item.collection.depth)
            for item in group.collection_permissions.all()
        ),
    }


def approvers(task):
    return [group.name for group in task.specific.groups.all()]


def state():
    """The groups and workflows as the admin lists them."""
    return {
        "groups": {group.name: permissions(group) for group in Group.objects.order_by("name")},
        "workflows": [
            (
                workflow.name,
                workflow.active,
                [(task.name, approvers(task)) for task in workflow.tasks],
                [page.depth for page in Page.objects.filter(workflowpage__workflow=workflow)],
            )
            for workflow in Workflow.objects.order_by("name")
        ],
    }


EXPECTED = {
    EDITORS_GROUP: {
        "model": ["access_admin"],
        "pages": [("add_page", 1), ("change_page", 1)],
        "collections": [
            ("add_document", 1), ("add_image", 1), ("change_document", 1), ("change_image", 1),
            ("choose_document", 1), ("choose_image", 1),
        ],
    },
    CHIEF_EDITORS_GROUP: {
        "model": ["access_admin"],
        "pages": [
            ("add_page", 1), ("change_page", 1), ("lock_page", 1), ("publish_page", 1),
            ("unlock_page", 1),
        ],
        "collections": [
            ("add_document", 1), ("add_image", 1), ("change_document", 1), ("change_image", 1),
            ("choose_document", 1), ("choose_image", 1), ("delete_document", 1),
            ("delete_image", 1),
        ],
    },
}  # fmt: skip
EXPECTED_WORKFLOWS = [(WORKFLOW_NAME, True, [(TASK_NAME, [CHIEF_EDITORS_GROUP])], [1])]


def forget_everything():
    """A flushed database, as far as the groups and workflows go."""
    Workflow.objects.all().delete()
    Task.objects.all().delete()
    Group.objects.all().delete()


def assert_ours(found):
    assert {name: found["groups"][name] for name in EXPECTED} == EXPECTED
    assert not {"Editors", "Moderators"} & set(found["groups"])
    # The comment moderators' group is another one, and stays as it was.
    assert "Модераторы" in found["groups"]
    assert found["workflows"] == EXPECTED_WORKFLOWS


def test_a_migrated_database_has_the_groups_and_the_workflow_in_russian():
    assert_ours(state())


def test_a_flushed_database_gets_them_back_and_another_migrate_changes_nothing():
    forget_everything()
    migrate_again()
    found = state()
    assert_ours(found)

    migrate_again()
    assert state() == found


def test_wagtails_english_defaults_are_taken_over_with_their_members(django_user_model):
    """What Wagtail's migrations leave: «Editors», «Moderators», «Moderators approval»."""
    forget_everything()
    member = django_user_model.objects.create_user("old-editor")
    editors = Group.objects.create(name="Editors")
    member.groups.add(editors)
    moderators = Group.objects.create(name="Moderators")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())

    migrate_again()
    assert_ours(state())
    assert Group.objects.get(pk=editors.pk).name == EDITORS_GROUP
    assert [group.name for group in member.groups.all()] == [EDITORS_GROUP]
    assert Workflow.objects.get().pk == workflow.pk


def test_what_the_library_changed_in_the_admin_survives_a_migrate():
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.page_permissions.filter(permission__codename="change_page").delete()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.name = "Проверка новостей"
    workflow.save()
    workflow.deactivate()
    changed = state()

    migrate_again()
    assert state() == changed
    assert [name for name, *_ in changed["workflows"]] == ["Проверка новостей"]
