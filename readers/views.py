"""The reader's own account page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def account(request):
    return render(request, "readers/account.html")
