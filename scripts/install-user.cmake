# Per-user install, run by the install-user target (cmake -P), with HOME
# (and WIRESHARK_CONFIG_DIR, XDG_CONFIG_HOME) as they are when it runs:
#   -DPLUGIN=x400mta.so -DMAJMIN=4.0
#       -> ~/.local/lib/wireshark/plugins/<MAJMIN>/epan/
#   -DPROFILE_NAME="X.400 MTA" -DPROFILE_DIR=profile -DPROFILE_FILES="a;b"
#       -> <personal configuration folder>/profiles/<PROFILE_NAME>/
# The personal configuration folder is Wireshark's: WIRESHARK_CONFIG_DIR
# when set; else $XDG_CONFIG_HOME/wireshark (~/.config/wireshark) when it
# exists or ~/.wireshark does not; else ~/.wireshark.
if(NOT DEFINED ENV{HOME} OR "$ENV{HOME}" STREQUAL "")
  message(FATAL_ERROR "install-user: HOME is not set")
endif()
set(home "$ENV{HOME}")

if(PLUGIN)
  set(dir "${home}/.local/lib/wireshark/plugins/${MAJMIN}/epan")
  file(MAKE_DIRECTORY "${dir}")
  file(COPY "${PLUGIN}" DESTINATION "${dir}")
  message(STATUS "x400mta.so -> ${dir}")
endif()

if(PROFILE_NAME)
  if(DEFINED ENV{WIRESHARK_CONFIG_DIR} AND NOT "$ENV{WIRESHARK_CONFIG_DIR}" STREQUAL "")
    set(conf "$ENV{WIRESHARK_CONFIG_DIR}")
  else()
    if(DEFINED ENV{XDG_CONFIG_HOME} AND IS_ABSOLUTE "$ENV{XDG_CONFIG_HOME}")
      set(conf "$ENV{XDG_CONFIG_HOME}/wireshark")
    else()
      set(conf "${home}/.config/wireshark")
    endif()
    if(NOT IS_DIRECTORY "${conf}" AND IS_DIRECTORY "${home}/.wireshark")
      set(conf "${home}/.wireshark")
    endif()
  endif()
  set(dir "${conf}/profiles/${PROFILE_NAME}")
  file(MAKE_DIRECTORY "${dir}")
  foreach(f IN LISTS PROFILE_FILES)
    file(COPY "${PROFILE_DIR}/${f}" DESTINATION "${dir}")
  endforeach()
  message(STATUS "profile \"${PROFILE_NAME}\" -> ${dir}")
endif()
