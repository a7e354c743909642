"""The built-in rules, one module each, registered through the `intspec_lint.rules` entry point."""

from .is001_syntax_error import syntax_error
from .is002_schema_violation import schema_violation
from .is003_internal_error import internal_error
from .is004_unused_suppression import unused_suppression
from .is005_unknown_rule_in_suppression import unknown_rule_in_suppression
from .is006_suppression_without_reason import suppression_without_reason
from .is007_not_a_spec import not_a_spec
from .is011_overview_incomplete import overview_incomplete
from .is012_sla_incomplete import sla_incomplete
from .is013_vague_prose import vague_prose
from .is101_flow_incomplete import flow_incomplete
from .is201_contract_incomplete import contract_incomplete
from .is202_contract_example_missing import contract_example_missing
from .is203_contract_example_invalid import contract_example_invalid
from .is204_contract_example_mismatch import contract_example_mismatch
from .is205_status_code_mismatch import status_code_mismatch
from .is301_auth_incomplete import auth_incomplete
from .is302_credential_storage_unsafe import credential_storage_unsafe
from .is303_hardcoded_secret import hardcoded_secret
from .is304_credential_storage_unstated import credential_storage_unstated
from .is401_error_classification_incomplete import error_classification_incomplete
from .is402_status_code_unhandled import status_code_unhandled
from .is501_retry_policy_incomplete import retry_policy_incomplete
from .is502_retry_policy_unsafe import retry_policy_unsafe
from .is503_retry_policy_advice import retry_policy_advice
from .is601_dead_letter_incomplete import dead_letter_incomplete
from .is602_dead_letter_unsafe import dead_letter_unsafe
from .is603_dead_letter_unmanaged import dead_letter_unmanaged
from .is701_monitoring_incomplete import monitoring_incomplete
from .is702_async_flow_unmonitored import async_flow_unmonitored
from .is801_mapping_incomplete import mapping_incomplete
from .is802_mapping_timestamp_unspecified import mapping_timestamp_unspecified
from .is803_mapping_enum_incomplete import mapping_enum_incomplete
from .is804_mapping_field_unmapped import mapping_field_unmapped
from .is805_mapping_null_unstated import mapping_null_unstated
from .is806_mapping_type_narrowing import mapping_type_narrowing
from .is807_mapping_types_missing import mapping_types_missing
from .is808_mapping_time_format_unspecified import mapping_time_format_unspecified
from .is901_idempotency_missing import idempotency_missing
from .is902_webhook_redelivery_unhandled import webhook_redelivery_unhandled

BUILTIN_RULES = (
    syntax_error,
    schema_violation,
    internal_error,
    unused_suppression,
    unknown_rule_in_suppression,
    suppression_without_reason,
    not_a_spec,
    overview_incomplete,
    sla_incomplete,
    vague_prose,
    flow_incomplete,
    contract_incomplete,
    contract_example_missing,
    contract_example_invalid,
    contract_example_mismatch,
    status_code_mismatch,
    auth_incomplete,
    credential_storage_unsafe,
    hardcoded_secret,
    credential_storage_unstated,
    error_classification_incomplete,
    status_code_unhandled,
    retry_policy_incomplete,
    retry_policy_unsafe,
    retry_policy_advice,
    dead_letter_incomplete,
    dead_letter_unsafe,
    dead_letter_unmanaged,
    monitoring_incomplete,
    async_flow_unmonitored,
    mapping_incomplete,
    mapping_timestamp_unspecified,
    mapping_enum_incomplete,
    mapping_field_unmapped,
    mapping_null_unstated,
    mapping_type_narrowing,
    mapping_types_missing,
    mapping_time_format_unspecified,
    idempotency_missing,
    webhook_redelivery_unhandled,
)
