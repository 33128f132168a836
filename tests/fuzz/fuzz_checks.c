#include "fuzz_checks.h"
#include "fuzz_input.h"

#include <string.h>

static void check_text(const char *s, size_t cap)
{
    X4F_CHECK(memchr(s, '\0', cap) != NULL);
}

void x4f_check_frame_info(const x4_frame_info *i)
{
    X4F_CHECK(i->n_pdus <= X4_MAX_PDUS);
    X4F_CHECK(i->n_mtas <= X4_MAX_MTAS);
    X4F_CHECK(i->n_mtsids <= X4_MAX_MTSIDS);
    X4F_CHECK(i->n_reasons <= X4_MAX_REASONS);
    X4F_CHECK(i->n_errors <= X4_MAX_ERRORS);
    X4F_CHECK((unsigned)i->mode <= X4_MODE_NORMAL);
    for (unsigned k = 0; k < i->n_pdus; k++) {
        X4F_CHECK((unsigned)i->pdus[k].kind < X4_PDU_KIND_COUNT);
        X4F_CHECK(x4_pdu_kind_name(i->pdus[k].kind) != NULL);
    }
    for (unsigned k = 0; k < i->n_mtas; k++)
        check_text(i->mtas[k].name, sizeof i->mtas[k].name);
    for (unsigned k = 0; k < i->n_mtsids; k++) {
        const x4_mtsid *m = &i->mtsids[k];
        check_text(m->country, sizeof m->country);
        check_text(m->admd, sizeof m->admd);
        check_text(m->prmd, sizeof m->prmd);
        check_text(m->local, sizeof m->local);
        check_text(m->text, sizeof m->text);
    }
    for (unsigned k = 0; k < i->n_reasons; k++) {
        X4F_CHECK(i->reasons[k].text != NULL);
        X4F_CHECK((unsigned)i->reasons[k].layer < X4_LAYER_COUNT);
    }
    for (unsigned k = 0; k < i->n_errors; k++) {
        X4F_CHECK(i->errors[k].what != NULL);
        X4F_CHECK(i->errors[k].status != X4_OK);
        X4F_CHECK((unsigned)i->errors[k].layer < X4_LAYER_COUNT);
    }
    check_text(i->calling_tsap, sizeof i->calling_tsap);
    check_text(i->called_tsap, sizeof i->called_tsap);
}
