#include "stats_assoc.h"

#include <epan/address.h>
#include <epan/to_str.h>
#include <stdio.h>
#include <string.h>

void stats_assoc_add(x4_assoc_table *t, const packet_info *pinfo, const frame_record *rec)
{
    char *src = address_to_str(NULL, &pinfo->src);
    char *dst = address_to_str(NULL, &pinfo->dst);
    x4_at_frame f = {
        .assoc = rec->assoc,
        .frame = pinfo->num,
        .time = nstime_to_sec(&pinfo->abs_ts),
        .dir = (x4_dir)rec->dir,
        .state = (x4_state)rec->state,
        .mode = (x4_mode)rec->mode,
        .tcp = rec->tcp,
        .payload_len = rec->payload_len,
        .src_host = src, .dst_host = dst,
        .src_port = (guint16)pinfo->srcport, .dst_port = (guint16)pinfo->destport,
        .pdus = rec->pdus, .n_pdus = rec->n_pdus,
        .mtas = (const char *const *)rec->mtas, .n_mtas = rec->n_mtas,
        .calling_tsap = rec->calling_tsap, .called_tsap = rec->called_tsap,
        .flags = rec->flags, .n_flags = rec->n_flags,
    };
    x4_at_add(t, &f);
    wmem_free(NULL, src);
    wmem_free(NULL, dst);
}

void stats_assoc_endpoint(char *out, size_t size, const char *host, guint16 port)
{
    if (strchr(host, ':'))
        snprintf(out, size, "[%s]:%u", host, port);
    else
        snprintf(out, size, "%s:%u", host, port);
}

void x400mta_register_stats(void)
{
    stats_tshark_register();
    stats_tree_x400mta_register();
}
