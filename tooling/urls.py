from django.urls import path

from . import views

urlpatterns = [path("ceiling/", views.framework_ceiling, name="bench_ceiling")]
