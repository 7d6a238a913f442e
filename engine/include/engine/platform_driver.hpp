#pragma once
// Platform drivers: what fleetsh must know of a device's command line to drive it — prompt
// patterns per mode, how to turn paging off, enable and configuration modes, the patterns of
// its error messages, and what its SSH server allows. Drivers are data: one YAML file per
// platform (engine/drivers/*.yaml, compiled into the library), and a user folder of *.yaml
// adds platforms or replaces shipped ones by name. See engine/drivers/README.md.
//
//   auto registry = engine::driver_registry::shipped();
//   auto problems = registry.load_folder("~/.config/fleetsh/drivers");  // file:line:col
//   const engine::platform_driver* ios = registry.find("ios");          // names and aliases
//
// Every pattern is RE2 syntax and was compiled once by the loader, so a driver that loaded
// is usable as it is.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engine {

// The modes a prompt can show.
enum class cli_mode : std::uint8_t {
    unknown,
    user,       // e.g. "router>"
    privileged, // e.g. "router#"
    config,     // e.g. "router(config-if)#", "[edit]\nadmin@router# "
    password,   // the enable command's password prompt
};

std::string_view cli_mode_name(cli_mode m) noexcept;
std::ostream& operator<<(std::ostream& os, cli_mode m); // its name, for logs and tests

struct platform_driver {
    std::string name;                 // "cisco_ios"
    std::vector<std::string> aliases; // "ios"
    std::string description;

    // Prompt patterns per mode, tried in the order config, privileged, user: the first whose
    // match starts at a line start and ends at the end of the output wins. A mode without a
    // pattern ("") never shows (Linux has no config mode).
    std::string user_prompt;
    std::string privileged_prompt;
    std::string config_prompt;

    // Patterns of the pager's marker ("--More--"), matched at the end of the output.
    std::vector<std::string> pager_prompts;
    // Commands sent once after login to turn the pager off.
    std::vector<std::string> paging_off;

    std::string enable_command;         // "" when the platform has no enable mode
    std::string enable_password_prompt; // pattern of its password question

    std::string config_enter; // "configure terminal"
    std::string config_exit;  // "end"

    // An output matching one of these (RE2, multi-line: ^ and $ match at line ends) is a
    // device error (engine::device_errc::device_error).
    std::vector<std::string> error_patterns;

    std::string line_ending = "\n"; // sent after each command
    // The platform separates an answer from the next prompt with one blank line (Junos);
    // the shell text processor removes it.
    bool blank_line_before_prompt = false;

    bool exec_channels = true;                  // commands may run on exec channels
    std::uint32_t sessions_per_connection = 10; // channels one connection may carry at once

    std::string source; // "shipped:cisco_ios.yaml" or the user file's path
};

// One problem found in a driver file, with 1-based line and column.
struct driver_diagnostic {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string message;

    std::string to_string() const; // "file:line:column: message"
};

struct driver_parse_result {
    std::optional<platform_driver> driver; // set when no error was found
    std::vector<driver_diagnostic> errors;
};

// Parses and validates one driver document: unknown keys, wrong types, missing required keys
// (platform, prompts.user, prompts.privileged) and patterns RE2 does not compile are errors.
driver_parse_result parse_driver(std::string_view yaml_text, std::string_view file_name);

class driver_registry {
public:
    driver_registry() = default;

    // The drivers compiled into the library (cisco_ios, cisco_nxos, arista_eos,
    // juniper_junos, linux).
    static const driver_registry& shipped();

    // Adds the drivers of every *.yaml / *.yml file directly in `folder`, in name order; a
    // driver whose name is already known replaces it. Files with errors are skipped and their
    // errors returned; the others still load.
    std::vector<driver_diagnostic> load_folder(const std::filesystem::path& folder);
    // Adds or replaces one driver.
    void add(platform_driver driver);

    // By name or alias (names win over aliases); nullptr when unknown.
    const platform_driver* find(std::string_view name_or_alias) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, platform_driver, std::less<>> drivers_;
};

} // namespace engine
