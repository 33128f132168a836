/* The rules, one per catalogue row (catalogue.h), in catalogue order: the
 * order in which the dispatcher hands each transition to them. */
#include "rules/rule.h"

extern const x4_rule x4_rule_connect_refused, x4_rule_close_before_ok,
    x4_rule_ndata_after_flow_error, x4_rule_association_lost, x4_rule_reconnect_storm,
    x4_rule_duplicate_mtsid, x4_rule_state_check_failure, x4_rule_network_flapping,
    x4_rule_late_ok, x4_rule_flow_control_error, x4_rule_association_aborted,
    x4_rule_connect_timeout, x4_rule_closed_without_release;

const x4_rule *const x4_rules[X4_P_COUNT] = {
    [X4_P_CONNECT_REFUSED] = &x4_rule_connect_refused,
    [X4_P_CLOSE_BEFORE_OK] = &x4_rule_close_before_ok,
    [X4_P_NDATA_AFTER_FLOW_ERROR] = &x4_rule_ndata_after_flow_error,
    [X4_P_ASSOCIATION_LOST] = &x4_rule_association_lost,
    [X4_P_RECONNECT_STORM] = &x4_rule_reconnect_storm,
    [X4_P_DUPLICATE_MTSID] = &x4_rule_duplicate_mtsid,
    [X4_P_STATE_CHECK_FAILURE] = &x4_rule_state_check_failure,
    [X4_P_NETWORK_FLAPPING] = &x4_rule_network_flapping,
    [X4_P_LATE_OK] = &x4_rule_late_ok,
    [X4_P_FLOW_CONTROL_ERROR] = &x4_rule_flow_control_error,
    [X4_P_ASSOCIATION_ABORTED] = &x4_rule_association_aborted,
    [X4_P_CONNECT_TIMEOUT] = &x4_rule_connect_timeout,
    [X4_P_CLOSED_WITHOUT_RELEASE] = &x4_rule_closed_without_release,
};
