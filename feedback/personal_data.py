"""What the «Решаем вместе» requests hold about one e-mail address: exported and deleted by
readers' `export_personal_data` and the reader's own account page."""

from .models import FeedbackRequest


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


def delete_personal_data(email):
    """Delete the requests sent from this address; returns how many."""
    deleted = FeedbackRequest.objects.with_email(email).delete()[1]
    return deleted.get(FeedbackRequest._meta.label, 0)
