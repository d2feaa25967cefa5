"""Everything held about one e-mail address in readers' requests: export as JSON, or delete."""

import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from feedback.models import FeedbackRequest


def personal_data(email):
    """The requests sent from this address with their history, as plain data."""
    requests = FeedbackRequest.objects.with_email(email).prefetch_related("history")
    return [
        {
            "number": request.number,
            "submitted": request.submit_time,
            "form_data": request.form_data,
            "status": request.get_status_display(),
            "answer": request.answer,
            "answered_at": request.answered_at,
            "consent_version": request.consent_version,
            "consent_at": request.consent_at,
            "history": [
                {"at": step.changed_at, "status": step.get_to_status_display()}
                for step in request.history.all()
            ],
        }
        for request in requests
    ]


class Command(BaseCommand):
    help = (
        "Print as JSON everything the «Решаем вместе» requests hold about one e-mail address "
        "(a reader's access request under 152-ФЗ); with --delete, then delete it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--delete", action="store_true", help="Delete the requests after exporting them."
        )

    @transaction.atomic
    def handle(self, *args, email, delete, **options):
        data = personal_data(email)
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        if delete:
            deleted = FeedbackRequest.objects.with_email(email).delete()[1]
            count = deleted.get(FeedbackRequest._meta.label, 0)
            self.stderr.write(f"Deleted {count} request(s) from {email}.")
