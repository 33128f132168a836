/* The thresholds of the rules, as one table the glue registers generically,
 * and the wording of the findings. */
#include "catalogue.h"

#define PREF(FIELD, TITLE, DESC, DEF, MIN) \
    { #FIELD, TITLE, DESC, offsetof(x4_prefs, FIELD), DEF, MIN }

const x4_pref_def x4_pref_defs[] = {
    PREF(lost_retransmissions, "Retransmissions before an association counts as lost",
         "association_lost is flagged when the same segment is retransmitted this many "
         "times without acknowledgement (KB Q232602).", 4, 1),
    PREF(storm_attempts, "Failed attempts that make a reconnect storm",
         "reconnect_storm needs at least this many consecutive failed connection attempts "
         "from one host to the same responder address and port (KB Q232602).", 3, 2),
    PREF(storm_tolerance, "Reconnect storm spacing tolerance (percent)",
         "Attempts are evenly spaced when every gap between them is within this percentage "
         "of their median gap (the connector's Open Interval).", 20, 0),
    PREF(flap_count, "Lost or refused associations that make flapping",
         "network_flapping needs at least this many associations between the same two hosts "
         "lost or refused within the flapping window (KB Q152877).", 3, 2),
    PREF(flap_window, "Flapping window (seconds)",
         "The window, in seconds, within which the lost or refused associations of "
         "network_flapping must fall.", 300, 1),
    PREF(zero_window_probes, "Unanswered zero-window probes that make a flow error",
         "After the receiver closed its window, this many zero-window probes without the "
         "window reopening count as a flow-control error (KB Q188040).", 3, 1),
};

const unsigned x4_pref_defs_count = sizeof x4_pref_defs / sizeof x4_pref_defs[0];

static uint32_t *pref_field(x4_prefs *p, const x4_pref_def *d)
{
    return (uint32_t *)((char *)p + d->offset);
}

void x4_prefs_default(x4_prefs *p)
{
    for (unsigned i = 0; i < x4_pref_defs_count; i++)
        *pref_field(p, &x4_pref_defs[i]) = x4_pref_defs[i].def;
    p->wording = X4_WORDING_EXCHANGE;
}

void x4_prefs_sanitize(x4_prefs *p)
{
    for (unsigned i = 0; i < x4_pref_defs_count; i++) {
        uint32_t *v = pref_field(p, &x4_pref_defs[i]);
        if (*v < x4_pref_defs[i].min)
            *v = x4_pref_defs[i].min;
    }
    if (p->wording < 0 || p->wording >= X4_WORDING_COUNT)
        p->wording = X4_WORDING_EXCHANGE;
}
