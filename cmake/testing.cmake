# fleetsh_test(<name> <sources...> [LIBS targets...])
#
# One line per test: a Boost.Test executable registered with CTest under <name>.
# The shared main() lives in fleetsh_test_main (tests/common).
function(fleetsh_test name)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE fleetsh_test_main ${ARG_LIBS})
  add_test(NAME ${name} COMMAND ${name} --color_output=no)
endfunction()
