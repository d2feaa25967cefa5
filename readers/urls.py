from django.urls import path

from . import views

urlpatterns = [
    path("accounts/", views.account, name="reader_account"),
]
