from ..findings import Hit, Severity
from ..rule import Case, rule
from ..reading.auth_words import unsafe_storage
from ..model import given
from ._common import label


@rule(
    code="IS302",
    name="credential-storage-unsafe",
    checklist="auth",
    severity=Severity.ERROR,
    summary="Credentials are kept in code, a repository or a config file instead of a vault or the environment.",
    rationale="A secret in code or a committed config file is a secret in every clone, every backup and every "
    "CI log. It cannot be rotated without a deployment, so it is not rotated.",
    bad="## Authentication\n\n- **Order Service**: API key; rotated yearly; stored in `config/prod.yaml`\n",
    good="## Authentication\n\n- **Order Service**: API key; rotated yearly; stored in AWS Secrets Manager and "
    "injected as an environment variable\n",
    cases=(
        Case(Severity.ERROR, "credentials kept in code, a repository or a config file", "Where credentials are "
             "stored (vault, environment variables — never hardcoded)", "template, 4. Authentication and "
             "Authorization"),
    ),
)
def credential_storage_unsafe(spec, options):
    for entry in spec.auth:
        if not given(entry.storage):
            continue
        unsafe = unsafe_storage(entry.storage.text)
        if unsafe:
            system = label(entry.system, "the integration")
            yield Hit(entry.storage.span, f"credentials for {system} are stored in {unsafe}: keep them in a vault or "
                                          "secrets manager and inject them through the environment")
