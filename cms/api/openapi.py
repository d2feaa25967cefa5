"""API v3's OpenAPI document, made to promise what the answers are.

django-ninja documents an operation's 200 answer only; Wagtail's routers refuse with RFC 7807
problem details (cms.api.problems) that the document did not mention, list `AllowAnonymous`
as if it were a security scheme, leave out WAGTAILAPI_LIMIT_MAX and declare 200 for views
that redirect; the input guard (cms.input_guard) refuses offsets too large for the
database before any router. Wagtail's routers take no hook for that, so the project's
NinjaAPI writes it into every operation here.
"""

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from django.conf import settings

from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail

from cms.input_guard import MAX_PAGINATION_VALUE

# The input guard's rule for the `site` filter: a host name, or "host:port" with a number.
SITE_FILTER_PATTERN = r"^[^:]*(:[0-9]{1,9})?$"

# Wagtail's find views answer 302 to the detail URL, not the 200 their decorators declare.
FOUND_BY_REDIRECT = {"pages_find", "redirects_find"}
REDIRECT_TO_DETAIL = {
    "description": "Found: `Location` is the detail URL, with the other query parameters",
    "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
}

# The refusals any operation may answer (a filter naming no object answers 404 in listings
# too), and those only operations that read a token do.
REFUSALS = {
    400: "Bad request (e.g. `limit` over its maximum, an unknown ordering field)",
    404: "Not found",
    422: "Parameters or body that do not validate",
}
AUTH_REFUSALS = {401: "A token is required", 403: "The token's user may not do this"}


class LibraryOpenAPISchema(OpenAPISchema):
    """Ninja's document plus refusals, optional auth and the `limit` maximum; `collisions`
    names components two different models claimed (ninja keys them by class name only)."""

    def __init__(self, api, path_prefix):
        self.collisions = set()
        super().__init__(api, path_prefix)

    def add_schema_definitions(self, definitions):
        for name, definition in definitions.items():
            if self.schemas.get(name, definition) != definition:
                self.collisions.add(name)
        super().add_schema_definitions(definitions)

    def operation_details(self, operation):
        details = super().operation_details(operation)
        self.document_maximums(details["parameters"])
        if details["operationId"] in FOUND_BY_REDIRECT:
            details["responses"] = {302: REDIRECT_TO_DETAIL}
        self.document_refusals(details, needs_token=bool(operation.auth_callbacks))
        return details

    def document_maximums(self, parameters):
        maximums = {
            "limit": getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or MAX_PAGINATION_VALUE,
            "offset": MAX_PAGINATION_VALUE,
        }
        for parameter in parameters:
            if parameter["in"] == "query" and parameter["name"] == "site":
                parameter["schema"] = {**parameter["schema"], "pattern": SITE_FILTER_PATTERN}
            if parameter["in"] == "query" and parameter["name"] in maximums:
                maximum = maximums[parameter["name"]]
                parameter["schema"] = {**parameter["schema"], "maximum": maximum}

    def document_refusals(self, details, needs_token):
        responses = details["responses"]
        for status, description in (REFUSALS | (AUTH_REFUSALS if needs_token else {})).items():
            responses.setdefault(status, self.problem(description))
        if "requestBody" in details:
            # The input guard refuses a JSON body too large before any router, as a problem too.
            responses[413] = self.problem("Body too large")

    def operation_security(self, operation):
        security = super().operation_security(operation)
        if any(isinstance(auth, AllowAnonymous) for auth in operation.auth_callbacks):
            # An empty requirement is OpenAPI's "no credentials needed".
            security = [item for item in security if "AllowAnonymous" not in item] + [{}]
            self.securitySchemes.pop("AllowAnonymous", None)
        return security

    def problem(self, description):
        self.schemas.setdefault("ProblemDetail", ProblemDetail.model_json_schema())
        schema = {"$ref": "#/components/schemas/ProblemDetail"}
        return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


class LibraryNinjaAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return LibraryOpenAPISchema(self, path_prefix)
