/* Development driver: feeds TPKTs given as hex lines ("<dir> <hex>", dir 0 =
 * initiator, 1 = responder; lines starting with '#' or "conn" start a new
 * connection) to one x4_conn and prints what each TPKT decoded to. */
#include "osi_stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (s[0] && s[1] && n < cap) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static void print_info(const x4_frame_info *i)
{
    printf("  pdus:");
    for (unsigned k = 0; k < i->n_pdus; k++)
        printf(" [%s]", x4_pdu_kind_name(i->pdus[k].kind));
    printf("\n  mode=%s x400=%d not_osi=%d", x4_mode_name(i->mode), i->x400, i->not_osi);
    if (i->calling_tsap[0] || i->called_tsap[0])
        printf(" tsaps=%s/%s size=%u", i->calling_tsap, i->called_tsap, i->tpdu_size);
    printf("\n");
    for (unsigned k = 0; k < i->n_mtas; k++)
        printf("  mta(%s)=%s\n", i->mtas[k].is_responder ? "responder" : "initiator", i->mtas[k].name);
    for (unsigned k = 0; k < i->n_mtsids; k++)
        printf("  mtsid=%s\n", i->mtsids[k].text);
    for (unsigned k = 0; k < i->n_reasons; k++)
        printf("  reason %s %s %u %s\n", x4_layer_name(i->reasons[k].layer),
               x4_pdu_kind_name(i->reasons[k].pdu), i->reasons[k].code, i->reasons[k].text);
    for (unsigned k = 0; k < i->n_errors; k++)
        printf("  ERROR %s %s @%u: %s\n", x4_layer_name(i->errors[k].layer),
               x4_status_name(i->errors[k].status), i->errors[k].offset, i->errors[k].what);
}

int main(void)
{
    static char line[1 << 20];
    static uint8_t buf[1 << 19];
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == '#' || strncmp(line, "conn", 4) == 0) {
            x4_conn_free(c);
            c = x4_conn_new(&x4_alloc_libc);
            printf("%s", line);
            continue;
        }
        int dir;
        char *sp = strchr(line, ' ');
        if (!sp || sscanf(line, "%d", &dir) != 1)
            continue;
        size_t n = unhex(sp + 1, buf, sizeof buf);
        x4_frame_info info;
        x4_frame_info_init(&info);
        x4_conn_feed_tpkt(c, dir ? X4_DIR_RESPONDER : X4_DIR_INITIATOR, buf, n, &info);
        printf("%s %zu bytes\n", dir ? "B->A" : "A->B", n);
        print_info(&info);
    }
    x4_conn_free(c);
    return 0;
}
