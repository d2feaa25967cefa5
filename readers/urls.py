from django.urls import path

from . import views

urlpatterns = [
    path("accounts/", views.account, name="reader_account"),
    path("accounts/my-data/", views.download, name="reader_data"),
    path("accounts/delete/", views.delete, name="reader_delete"),
]
