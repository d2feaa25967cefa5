"""The «Обращения» group: staff who answer readers' requests and do nothing else."""

from cms.groups import ensure_group

FEEDBACK_GROUP = "Обращения"
FEEDBACK_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("feedback", "feedbackrequest", "view_feedbackrequest"),
    ("feedback", "feedbackrequest", "change_feedbackrequest"),
]


def ensure_feedback_group(**kwargs):
    """May open the admin, see and process readers' requests, nothing else."""
    return ensure_group(FEEDBACK_GROUP, FEEDBACK_PERMISSIONS)
