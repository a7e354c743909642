"""The built-in rules, one module each, registered through the `intspec_lint.rules` entry point."""

from .is001_syntax_error import syntax_error
from .is002_schema_violation import schema_violation
from .is003_internal_error import internal_error
from .is004_unused_suppression import unused_suppression
from .is005_unknown_rule_in_suppression import unknown_rule_in_suppression
from .is006_suppression_without_reason import suppression_without_reason
from .is101_flow_incomplete import flow_incomplete
from .is201_contract_incomplete import contract_incomplete
from .is202_contract_example_missing import contract_example_missing
from .is203_contract_example_invalid import contract_example_invalid
from .is301_auth_incomplete import auth_incomplete
from .is401_error_classification_incomplete import error_classification_incomplete
from .is501_retry_policy_incomplete import retry_policy_incomplete
from .is601_dead_letter_incomplete import dead_letter_incomplete
from .is701_monitoring_incomplete import monitoring_incomplete
from .is801_mapping_incomplete import mapping_incomplete
from .is901_idempotency_missing import idempotency_missing

BUILTIN_RULES = (
    syntax_error,
    schema_violation,
    internal_error,
    unused_suppression,
    unknown_rule_in_suppression,
    suppression_without_reason,
    flow_incomplete,
    contract_incomplete,
    contract_example_missing,
    contract_example_invalid,
    auth_incomplete,
    error_classification_incomplete,
    retry_policy_incomplete,
    dead_letter_incomplete,
    monitoring_incomplete,
    mapping_incomplete,
    idempotency_missing,
)
