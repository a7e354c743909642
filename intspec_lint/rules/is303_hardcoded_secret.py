from ..findings import Hit, Severity
from ..rule import Case, rule


@rule(
    code="IS303",
    name="hardcoded-secret",
    checklist="auth",
    severity=Severity.ERROR,
    summary="A literal secret (API key, bearer token, password, client secret, private key) is pasted into the "
    "spec.",
    rationale="Specs are shared, pasted into tickets and committed. A real credential in an example is leaked "
    "the moment the spec is. The finding names the kind and the place, never the secret itself.",
    bad="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n```http\nPOST /v1/orders HTTP/1.1\n"
    "Authorization: Bearer 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c\n```\n",
    good="## API Contracts\n\n### Create order\n\n`POST /v1/orders`\n\n```http\nPOST /v1/orders HTTP/1.1\n"
    "Authorization: Bearer <access-token>\n```\n",
    cases=(
        Case(Severity.ERROR, "a literal secret in the spec", "Where credentials are stored (vault, environment "
             "variables — never hardcoded)", "template, 4. Authentication and Authorization"),
    ),
)
def hardcoded_secret(spec, options):
    for kind, span in spec.secrets:
        yield Hit(span, f"a literal {kind} is pasted into the spec at line {span.line}, column {span.column}: replace "
                        "it with a placeholder such as <token>, and rotate the credential if it is real")
