/* The text form of an MTS identifier (mtsid.h). */
#include "mtsid.h"

#include <string.h>

#include "x4_common.h"

/* "C=<country>;A=<admd>[;P=<prmd>];L=<local>", cut to the text's size. */
void x4_mtsid_format(x4_mtsid *m)
{
    const char *parts[] = { "C=", m->country, ";A=", m->admd, ";P=", m->prmd, ";L=", m->local };
    size_t n = 0;
    for (unsigned i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (m->has_prmd || (i != 4 && i != 5))
            n = x4_text_put(m->text, sizeof m->text, n, parts[i]);
}

/* Takes "KEY<value>" up to the next ';' (or the end) from *s into out,
 * at most max characters.  A missing optional part is not an error. */
static bool take_part(const char **s, const char *key, char *out, size_t max, bool optional)
{
    size_t k = strlen(key);
    if (strncmp(*s, key, k) != 0)
        return optional;
    const char *v = *s + k;
    const char *end = strchr(v, ';');
    size_t n = end ? (size_t)(end - v) : strlen(v);
    if (n > max)
        return false;
    memcpy(out, v, n);
    out[n] = '\0';
    *s = end ? end + 1 : v + n;
    return true;
}

bool x4_mtsid_parse(const char *text, x4_mtsid *m)
{
    const char *s = text;
    m->prmd[0] = '\0';
    if (!take_part(&s, "C=", m->country, X4_P1_COUNTRY_MAX, false) ||
        !take_part(&s, "A=", m->admd, X4_P1_DOMAIN_MAX, false))
        return false;
    m->has_prmd = strncmp(s, "P=", 2) == 0;
    if (!take_part(&s, "P=", m->prmd, X4_P1_DOMAIN_MAX, true) ||
        !take_part(&s, "L=", m->local, X4_P1_LOCAL_ID_MAX, false))
        return false;
    if (*s != '\0' || !m->country[0] || !m->local[0])
        return false;
    x4_mtsid_format(m);
    return true;
}
