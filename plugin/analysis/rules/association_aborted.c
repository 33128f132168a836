/* association_aborted (KB Q152877): an explicit abort (session AB,
 * presentation ARU/ARP, ACSE ABRT, RTSE RTAB), with its reason. */
#include "rules/rule.h"

/* The reason given at the highest layer of the abort's PDUs. */
static const char *abort_reason(const x4_frame_info *info)
{
    const char *text = NULL;
    x4_layer best = X4_LAYER_TPKT;
    for (unsigned i = 0; info && i < info->n_reasons; i++) {
        const x4_pdu_class *pc = x4_pdu_class_of(info->reasons[i].pdu);
        if ((pc->bits & PC_ABORT) && info->reasons[i].text && info->reasons[i].layer >= best) {
            best = info->reasons[i].layer;
            text = info->reasons[i].text;
        }
    }
    return text;
}

static void on_aborted(x4_rule_ctx *c, const x4_transition *t)
{
    (void)t;
    if (!x4_once(c, X4_P_ASSOCIATION_ABORTED))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_ASSOCIATION_ABORTED, 0);
    if (!f)
        return;
    f->reason = abort_reason(c->info);
    x4_flag_message(f, "%s aborted the association (%s)", x4_side_name(c->dir),
                    f->reason ? f->reason : "no reason given");
}

const x4_rule x4_rule_association_aborted = { .hears = X4_TR_BIT(X4_TR_ABORTED), .on = on_aborted };
