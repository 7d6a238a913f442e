# fleetsh_options: the one INTERFACE target every fleetsh target links.
# It carries the language standard, the warning set and the sanitizer switch.
add_library(fleetsh_options INTERFACE)
target_compile_features(fleetsh_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(fleetsh_options INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports a false mismatched-new-delete in every Asio coroutine frame (its class-level
# operator new/delete pair), which would hide real warnings behind noise.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(fleetsh_options INTERFACE -Wno-mismatched-new-delete)
endif()
if(FLEETSH_WERROR)
  target_compile_options(fleetsh_options INTERFACE -Werror)
endif()

if(FLEETSH_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  # -O1 -g1 (after the build type's flags, so they win): the sanitized build exists to run the
  # tests, and at -O2 -g it compiled three times slower than the normal build. -O1 is what the
  # sanitizer docs suggest; -g1 keeps file:line in reports.
  target_compile_options(fleetsh_options INTERFACE ${_san} -O1 -g1)
  target_link_options(fleetsh_options INTERFACE ${_san})
endif()

# ccache, when present, makes rebuilds after a branch switch or a clean cheap.
find_program(FLEETSH_CCACHE ccache)
if(FLEETSH_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${FLEETSH_CCACHE})
endif()
