from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FeedbackConfig(AppConfig):
    """«Решаем вместе»: the form page, readers' requests and the staff who answer them."""

    name = "feedback"
    verbose_name = "Решаем вместе"

    def ready(self):
        from cms.api import api_v2, api_v3

        from .api import FeedbackEndpoint, feedback_router
        from .groups import ensure_feedback_group

        post_migrate.connect(ensure_feedback_group, sender=self)
        api_v2.register_endpoint("feedback", FeedbackEndpoint)
        api_v3.add_router("/feedback/", feedback_router)
