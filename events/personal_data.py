"""What the sign-ups for events hold about one e-mail address: exported and deleted with the
rest of it by readers' `export_personal_data` and the reader's own account page."""

from .signups import EventSignUp


def sign_ups_data(emails):
    """The sign-ups made under these addresses, as plain data."""
    sign_ups = EventSignUp.objects.none()
    for email in emails:
        sign_ups |= EventSignUp.objects.with_contact(email=email)
    return [
        {
            "event": sign_up.occurrence.page.title,
            "date": sign_up.occurrence.start,
            "name": sign_up.name,
            "email": sign_up.email,
            "phone": sign_up.phone,
            "seats": sign_up.seats,
            "child_age": sign_up.child_age,
            "comment": sign_up.comment,
            "status": sign_up.get_status_display(),
            "signed_up": sign_up.created_at,
            "cancelled_at": sign_up.cancelled_at,
            "consent_version": sign_up.consent_policy_version,
            "consent_at": sign_up.consent_at,
        }
        for sign_up in sign_ups.select_related("occurrence__page").order_by("created_at", "pk")
    ]


def delete_sign_ups(email):
    """Delete the sign-ups made under this address; returns how many."""
    deleted = EventSignUp.objects.with_contact(email=email).delete()[1]
    return deleted.get(EventSignUp._meta.label, 0)
