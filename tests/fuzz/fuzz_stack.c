/* The decode stack as the plugin drives it: one connection, TPKT after
 * TPKT in both directions, so the state kept across PDUs (TP0 DT joining,
 * the mode learnt at connect, presentation contexts, APDU chunks inside an
 * activity) is fuzzed too.
 *
 * Input: records [ctl:1][len:2][len bytes of one TPKT].  ctl bit 0 is the
 * direction (1: responder), bit 1 keeps the record in the previous frame
 * (several TPKTs in one frame share one x4_frame_info, as in a TCP segment
 * carrying several).  The connection's memory comes from a counting
 * allocator capped a little above what the buffers may legitimately hold,
 * so an unbounded buffer fails the run and refused allocations are
 * exercised. */
#include "fuzz_alloc.h"
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "osi_stack.h"

/* Two directions x (TSDU + APDU buffer) at X4_MAX_BUFFERED, plus the
 * connection itself. */
#define STACK_CAP (4 * X4_MAX_BUFFERED + 4096)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x4f_alloc_stats st;
    x4_alloc a = x4f_alloc_counting(&st, STACK_CAP);
    x4_conn *c = x4_conn_new(&a);
    if (!c)
        return 0;
    x4f_in in = {data, size};
    x4_frame_info info;
    x4_frame_info_init(&info);
    while (!x4f_empty(&in)) {
        uint8_t ctl = x4f_u8(&in);
        size_t want = x4f_u16(&in), len;
        const uint8_t *tpkt = x4f_take(&in, want, &len);
        if (!(ctl & 2))
            x4_frame_info_init(&info);
        x4_dir dir = (ctl & 1) ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
        unsigned errors_before = info.n_errors;
        x4_status s = x4_conn_feed_tpkt(c, dir, tpkt, len, &info);
        X4F_CHECK(s == X4_OK || info.n_errors > 0); /* a failure is always reported */
        x4f_check_frame_info(&info);
        for (unsigned k = errors_before; k < info.n_errors; k++)
            X4F_CHECK(info.errors[k].offset <= len);   /* "inside the TPKT" (osi_stack.h) */
        X4F_CHECK(info.mode <= X4_MODE_NORMAL);
    }
    x4_conn_free(c);
    X4F_CHECK(st.live == 0);
    return 0;
}
