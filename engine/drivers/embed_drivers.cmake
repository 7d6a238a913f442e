# Writes a C++ source holding the shipped driver files byte for byte, so the library needs no
# data folder at run time. Run by engine/CMakeLists.txt at build time:
#   cmake -DOUTPUT=<file.cpp> -DINPUTS=<a.yaml|b.yaml> -P embed_drivers.cmake
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(_body "")
set(_table "")
set(_index 0)
foreach(_file IN LISTS INPUTS)
  get_filename_component(_name "${_file}" NAME)
  file(READ "${_file}" _hex HEX)
  string(LENGTH "${_hex}" _hex_length)
  math(EXPR _size "${_hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
  string(APPEND _body "const unsigned char file_${_index}[] = {${_bytes}0x00};\n")
  string(APPEND _table "    {\"${_name}\", {reinterpret_cast<const char*>(file_${_index}), ${_size}}},\n")
  math(EXPR _index "${_index} + 1")
endforeach()
set(_text "// Generated from engine/drivers/*.yaml by embed_drivers.cmake: do not edit.
#include \"shipped_drivers.hpp\"

namespace engine::detail {
namespace {
${_body}
const shipped_driver_file files[] = {
${_table}};
} // namespace

std::span<const shipped_driver_file> shipped_driver_files() noexcept {
    return files;
}

} // namespace engine::detail
")
# Only touch the output when it changed, so an unchanged driver set rebuilds nothing.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" _old)
  if(_old STREQUAL _text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${_text}")
