/* The entry points Wireshark's plugin loader looks up; nothing else in the
 * module is exported (visibility hidden). */
#include <epan/proto.h>

#include "ws_compat.h"
#include "x400mta_register.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = X400MTA_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
/* What kind of plugin this is: asked from 4.4 (ws_compat.h). */
#if X4_WS_PLUGIN_DESCRIBE
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
