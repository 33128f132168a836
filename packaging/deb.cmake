# cmake --build build --target deb: a Debian package for the Wireshark this
# build is against (build/x400mta_<version>-1+ws<wireshark version>_<arch>.deb):
#   the plugin in that Wireshark's global plugin folder (pkg-config plugindir),
#   /usr/bin/x400replay and its manual page, the built-in captures in
#   /usr/share/x400mta/captures.
# A plugin loads only into the major.minor it was built for, and Wireshark's
# plugin ABI may change in any release, so the package depends on the exact
# version of the libwireshark package (libwireshark<soname>) it was built
# against; dpkg-shlibdeps (dpkg-dev, with file) adds the other libraries it links
# (glib, libpcap: their package names differ between Debian releases).
# Needs a libwireshark-dev installed from a Debian package (Debian, Ubuntu).

include(GNUInstallDirs)

set(X400_DEB_MAINTAINER "x400mta maintainers <maintainers@users.noreply.b-seed-78eaaebf.example>"
    CACHE STRING "Maintainer field of the Debian package")

# The dpkg package that holds the libwireshark this build links, and its version.
function(x400_libwireshark_package out_name out_version)
  set(${out_name} "" PARENT_SCOPE)
  find_program(X400_DPKG_QUERY dpkg-query)
  if(NOT X400_DPKG_QUERY OR NOT X400_WS_LIBDIR)
    return()
  endif()
  # libwireshark.so -> libwireshark.so.16.0.17: the soname file is libwireshark.so.16.
  file(REAL_PATH "${X400_WS_LIBDIR}/libwireshark.so" lib)
  string(REGEX MATCH "^.*\\.so\\.[0-9]+" soname_file "${lib}")
  execute_process(COMMAND ${X400_DPKG_QUERY} -S "${soname_file}"
                  OUTPUT_VARIABLE owner RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0)
    return()
  endif()
  string(REGEX REPLACE "^([^:,]+).*" "\\1" pkg "${owner}")
  execute_process(COMMAND ${X400_DPKG_QUERY} -W -f=\${Version} ${pkg}
                  OUTPUT_VARIABLE version RESULT_VARIABLE rc ERROR_QUIET)
  if(rc EQUAL 0 AND version)
    set(${out_name} "${pkg}" PARENT_SCOPE)
    set(${out_version} "${version}" PARENT_SCOPE)
  endif()
endfunction()

# Without what it needs, the deb target says why and fails.
macro(x400_no_deb why)
  add_custom_target(deb COMMAND ${CMAKE_COMMAND} -E echo "deb: ${why}" COMMAND ${CMAKE_COMMAND} -E false)
  return()
endmacro()

x400_libwireshark_package(X400_WS_DEB_PACKAGE X400_WS_DEB_VERSION)
find_program(X400_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(X400_FILE file)   # CPack runs dpkg-shlibdeps on what file(1) calls ELF
if(NOT X400_WS_DEB_PACKAGE)
  x400_no_deb("libwireshark (${X400_WS_LIBDIR}) is not from a Debian package; build and install from source instead (README: Install)")
endif()
if(NOT X400_DPKG_SHLIBDEPS OR NOT X400_FILE)
  x400_no_deb("needs dpkg-shlibdeps and file: apt-get install dpkg-dev file (or scripts/deps dpkg-dev file), then run cmake again")
endif()
message(STATUS "Debian package: depends on ${X400_WS_DEB_PACKAGE} (= ${X400_WS_DEB_VERSION})")

install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The contract, states, protocol, scenario language and KB articles the
# README and the manual page point at.
set(X400_DOCS_MD README.md contract.md states.md protocol.md scenario-language.md kb.md)
list(TRANSFORM X400_DOCS_MD PREPEND ${CMAKE_SOURCE_DIR}/docs/)
install(FILES ${X400_DOCS_MD} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME x400mta)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE "1+ws${X400_WS_VERSION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${X400_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${X400_WS_DEB_PACKAGE} (= ${X400_WS_DEB_VERSION})")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "tshark | wireshark")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wireshark ${X400_WS_MAJMIN} plugin for X.400 MTA failure precursors, and a capture synthesiser")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "x400mta.so dissects RFC1006/TP0 X.400 MTA traffic (TPKT, ISO 8073 class 0,
session, presentation/ACSE or X.410-1984 mode, RTSE, X.411 P1), follows each
association across packets and flags the wire-level precursors of five
documented Exchange MTA failures (KB Q188040, Q232602, Q152877, Q152897,
Q319936), naming the KB article and the MSExchangeMTA event IDs.
.
x400replay writes exact pcap captures of each failure and of healthy traffic
from readable scenarios; the built-in ones are in /usr/share/x400mta/captures.
.
Built for Wireshark ${X400_WS_VERSION} (${X400_WS_DEB_PACKAGE} ${X400_WS_DEB_VERSION}).")
include(CPack)

add_custom_target(deb
  COMMAND ${CMAKE_CPACK_COMMAND} -G DEB --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Building the Debian package for Wireshark ${X400_WS_VERSION}")
add_dependencies(deb x400mta x400replay x400replay-man)
