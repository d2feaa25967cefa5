"""Everything held about one e-mail address: accounts, comments, «Решаем вместе» requests
and sign-ups for events, printed as JSON; with --delete, then removed."""

import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from cms.signin import may_use_admin
from events.personal_data import delete_sign_ups
from feedback.personal_data import delete_personal_data
from news.comments.models import ReaderComment
from readers.comments import erase_comments
from readers.personal_data import accounts_with_email, delete_account, email_data, guest_comments


class Command(BaseCommand):
    help = (
        "Print as JSON everything held about one e-mail address: reader accounts with it, "
        "their comments and the ones sent under it as a guest, its «Решаем вместе» "
        "requests and its sign-ups for events (a reader's access request under 152-ФЗ). "
        "With --delete, then delete it: the requests, the sign-ups, the reader accounts (as "
        "«Удалить аккаунт» does) and the comments (published ones kept anonymised, the rest "
        "deleted with their files)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--delete", action="store_true", help="Delete the data after exporting it."
        )

    @transaction.atomic
    def handle(self, *args, email, delete, **options):
        data = email_data(email)
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        if delete:
            self.delete(email.strip())

    def delete(self, email):
        requests = delete_personal_data(email)
        sign_ups = delete_sign_ups(email)
        accounts = kept = deleted = 0
        for user in accounts_with_email(email):
            if may_use_admin(user):
                self.stderr.write(f"Kept staff account {user.get_username()}: remove it by hand.")
                continue
            account_kept, account_deleted = delete_account(user)
            kept, deleted, accounts = kept + account_kept, deleted + account_deleted, accounts + 1
        guest_kept, guest_deleted = erase_comments(
            ReaderComment.objects.filter(guest_comments([email]))
        )
        self.stderr.write(
            f"Deleted {requests} request(s), {sign_ups} sign-up(s), {accounts} account(s) and "
            f"{deleted + guest_deleted} comment(s) of {email}; "
            f"anonymised {kept + guest_kept} published comment(s)."
        )
