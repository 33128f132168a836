/* The MTS identifier (X.411 MTSIdentifier: global domain identifier plus
 * local identifier) and its one text form,
 *     C=<country>;A=<admd>;[P=<prmd>;]L=<local-identifier>
 * which the plugin shows as x400mta.mtsid and scenarios write as `mtsid`.
 * The decoders fill the parts from BER and format the text; the replayer
 * parses the text into the parts it encodes (docs/protocol.md, P1). */
#ifndef X4_MTSID_H
#define X4_MTSID_H

#include <stdbool.h>

#include "osi_codes.h"

#define X4_MTSID_TEXT_MAX 128

typedef struct {
    x4_pdu_kind apdu;   /* X4_PDU_P1_MESSAGE, _REPORT or _PROBE */
    char country[8], admd[24], prmd[24], local[40];
    bool has_prmd;
    char text[X4_MTSID_TEXT_MAX]; /* "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050" */
} x4_mtsid;

/* Writes m->text from the parts (P= only when has_prmd). */
void x4_mtsid_format(x4_mtsid *m);

/* Parses the text form into the parts and m->text.  False (m undefined)
 * unless the parts come in that order and fit X.411's bounds: a country of
 * 1..X4_P1_COUNTRY_MAX characters, ADMD and PRMD of at most
 * X4_P1_DOMAIN_MAX (either may be empty), a local identifier of
 * 1..X4_P1_LOCAL_ID_MAX.  m->apdu is left as it was. */
bool x4_mtsid_parse(const char *text, x4_mtsid *m);

#endif
