from django.db import migrations, models


def earlier_receipts_were_sent(apps, schema_editor):
    # Before this field the landing page said the number was mailed; it keeps saying so.
    FeedbackRequest = apps.get_model("feedback", "FeedbackRequest")
    FeedbackRequest.objects.exclude(email="").update(receipt_sent=True)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedbackrequest",
            name="receipt_sent",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="Читателю отправлен номер"
            ),
        ),
        migrations.RunPython(earlier_receipts_were_sent, migrations.RunPython.noop),
    ]
