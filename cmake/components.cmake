# fleetsh_component(<target> [PUBLIC deps...] [PRIVATE deps...])
#
# Declares one static library from the calling folder: public headers in include/,
# sources (and private headers) in src/. Each folder under a component names its
# layer, so a path alone says what a file may depend on (docs/ARCHITECTURE.md).
function(fleetsh_component target)
  cmake_parse_arguments(ARG "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(GLOB_RECURSE _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(${target} STATIC ${_sources})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC fleetsh_options ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
endfunction()
