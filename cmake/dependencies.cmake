# Every dependency is a Debian 12 package installed by scripts/setup.
find_package(Threads REQUIRED)
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS headers json unit_test_framework)
find_package(PkgConfig REQUIRED)
pkg_check_modules(BOTAN2 REQUIRED IMPORTED_TARGET botan-2)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)

# Botan 2 headers carry deprecation attributes on APIs we still need (PointGFp).
# Treat its headers as system headers so they never trip -Werror.
get_target_property(_botan_inc PkgConfig::BOTAN2 INTERFACE_INCLUDE_DIRECTORIES)
set_target_properties(PkgConfig::BOTAN2 PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${_botan_inc}")
