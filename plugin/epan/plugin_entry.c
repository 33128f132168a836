/* The entry points Wireshark's plugin loader looks up; nothing else in the
 * module is exported (visibility hidden). */
#include <wireshark.h>
#include <epan/proto.h>

#include "x400mta_register.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = X400MTA_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
/* 4.4 asks plugins what they are (optional before). */
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 4)
#include <wsutil/plugins.h>

WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

void plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = x400mta_register_protocol;
    plug.register_handoff = x400mta_register_handoff;
    proto_register_plugin(&plug);
}
