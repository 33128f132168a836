/* The worked byte sequences of docs/protocol.md (checked with tshark 4.0.17),
 * plus a few of our own construction. */
#ifndef X4_TEST_VECTORS_H
#define X4_TEST_VECTORS_H

/* Whole TPKTs. */
#define V_CR "03 00 00 1A | 15 E0 00 00 12 34 00 C0 01 0B C1 04 4D 54 41 41 C2 04 4D 54 41 42"
#define V_CC "03 00 00 1A | 15 D0 12 34 56 78 00 C0 01 0B C1 04 4D 54 41 41 C2 04 4D 54 41 42"
#define V_CN_TPKT "03 00 00 40 | 02 F0 80 | " V_CN
#define V_AC_TPKT "03 00 00 3A | 02 F0 80 | " V_AC
#define V_DR "03 00 00 0B | 06 80 12 34 00 00 03"
#define V_RF_RTORJ_TPKT "03 00 00 14 | 02 F0 80 | " V_RF_RTORJ
#define V_RF_SPM_TPKT "03 00 00 0F | 02 F0 80 | " V_RF_SPM
#define V_AB_RTAB_TPKT "03 00 00 13 | 02 F0 80 | " V_AB_RTAB
#define V_ER "03 00 00 09 | 04 70 56 78 02"

/* TSDUs (session SPDUs). */
#define V_CN "0D 37 | 05 09 13 01 00 16 01 01 1A 01 00 | 14 02 02 49 | C1 26 " V_PCONNECT
#define V_PCONNECT "31 24 A0 03 80 01 00 A1 1D 82 01 00 A3 15 A0 13 A1 11 80 05 4D 54 41 2D 41" \
    " A1 08 16 06 73 65 63 72 65 74 84 01 01"
#define V_AC "0E 31 | 05 09 13 01 00 16 01 01 1A 01 00 | 14 02 02 49 | C1 20 " V_PACCEPT
#define V_PACCEPT "31 1E A0 03 80 01 00 A1 17 A2 15 A0 13 A1 11 80 05 4D 54 41 2D 42" \
    " A1 08 16 06 73 65 63 72 65 74"
#define V_RF_RTORJ "0C 0B 11 01 01 32 06 02 31 03 80 01 02"
#define V_RF_SPM "0C 06 11 01 01 32 01 81"
#define V_AB_RTAB "19 0A 11 01 03 C1 05 31 03 80 01 03"
#define V_GT_AS "01 00 2D 05 29 03 02 01 00"
#define V_GT_DT "01 00 01 00"
#define V_GT_AE "01 00 29 03 2A 01 31"

/* MTSIdentifier example: C=US;A=ADMD;P=PRMD;L=ABC123. */
#define V_MTSID "64 1E 63 14 61 04 13 02 55 53 62 06 13 04 41 44 4D 44 13 04 50 52 4D 44" \
    " 16 06 41 42 43 31 32 33"
/* A 1984 P1 message of our own: A0 { 31 { MTSID, 46 01 02 }, 04 03 "abc" } */
#define V_MESSAGE "A0 2A 31 23 " V_MTSID " 46 01 02 04 03 61 62 63"

#endif
