/* The end of an association and the outcome of the attempt it was. */
#include "state/assoc.h"

bool x4_state_terminal(x4_state s)
{
    return s == X4_ST_CLOSED || s == X4_ST_REFUSED || s == X4_ST_ABORTED || s == X4_ST_LOST;
}

void x4_state_settle(x4_frame *f, x4_assoc *a, x4_outcome o)
{
    if (a->outcome != X4_ATTEMPT_PENDING)
        return;
    a->outcome = o;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_OUTCOME, .outcome = o });
}

/* The association is over at state st (terminal): it leaves the pair's
 * open associations; refused, lost or aborted before it did its job, its
 * attempt failed (a plain close leaves the verdict to the caller). */
void x4_state_end(x4_frame *f, x4_assoc *a, x4_state st, x4_end why)
{
    a->state = st;
    a->req = X4_REQ_NONE;
    x4_pair_close(a->pair, a);
    if (st != X4_ST_CLOSED)
        x4_state_settle(f, a, X4_ATTEMPT_FAILED);
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_ENDED, .state = st, .end = why });
}

void x4_state_give_up(x4_frame *f)
{
    x4_assoc *a = f->a;
    a->init_closed = true;
    a->closed_req = a->req;
    a->close_frame = f->ev->frame;
    a->close_time = f->ev->time;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_GAVE_UP });
    x4_state_settle(f, a, X4_ATTEMPT_FAILED);
    x4_state_end(f, a, X4_ST_CLOSED, X4_END_GAVE_UP);
}
