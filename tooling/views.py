"""The benchmark's reference view (served only with CMS_BENCH_CEILING=true)."""

from django.http import HttpResponse


def framework_ceiling(request):
    """The least a Django view can do, behind all the middleware: the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")
