from ..findings import Severity
from ..rule import rule

not_a_spec = rule(
    code="IS007",
    name="not-a-spec",
    checklist="syntax",
    severity=Severity.WARNING,
    summary="The file is an API description (OpenAPI, Swagger or AsyncAPI), not an integration spec: it is not linted.",
    rationale="OpenAPI, Swagger and AsyncAPI documents often sit beside integration specs, and a YAML one "
    "read as an intspec spec would drown in schema errors that say nothing true about it. A file whose "
    "top level has an `openapi`, `swagger` or `asyncapi` version key is recognised (without parsing it) "
    "and reported once, at that key, when it is named on the command line; a folder walk and "
    "`--specs-only` skip it silently, like any other file that is not a spec. It is a warning, so "
    "naming one by mistake does not fail a build with the default `--fail-on error`. Check the API "
    "description with an OpenAPI or AsyncAPI linter, and link it from the integration spec that uses "
    "it, in a contract (a Markdown link, or an `x-` key in YAML).",
    bad="openapi: 3.1.0\ninfo:\n  title: Fulfillment API\n  version: 1.4.0\npaths: {}\n",
    good="intspec: 1\ntitle: Order Service to Fulfillment API\ncontracts:\n  - name: Create fulfillment order\n"
    "    method: POST\n    url: /v1/fulfillment-orders\n    x-openapi: api/fulfillment.openapi.yaml#/paths/~1v1~1fulfillment-orders/post\n",
    bad_format="yaml",
)(None)
