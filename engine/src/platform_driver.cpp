// Reading and validating platform driver files (YAML), and the registry of drivers.
#include "shipped_drivers.hpp"

#include <engine/platform_driver.hpp>

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <set>
#include <sstream>
#include <system_error>

namespace engine {

std::string_view cli_mode_name(cli_mode m) noexcept {
    switch (m) {
    case cli_mode::user:
        return "user";
    case cli_mode::privileged:
        return "privileged";
    case cli_mode::config:
        return "config";
    case cli_mode::password:
        return "password";
    case cli_mode::unknown:
        break;
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& os, cli_mode m) {
    return os << cli_mode_name(m);
}

std::string driver_diagnostic::to_string() const {
    if (line == 0)
        return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

namespace {

constexpr std::size_t max_driver_file_bytes = 1 << 20;
constexpr std::size_t max_list_items = 256;

// Walks one document, collecting every problem rather than stopping at the first.
class reader {
public:
    explicit reader(std::string_view file)
        : file_(file) {}

    std::vector<driver_diagnostic>& errors() { return errors_; }

    void error(const YAML::Mark& mark, std::string message) {
        errors_.push_back({file_, static_cast<std::uint32_t>(mark.line + 1),
                           static_cast<std::uint32_t>(mark.column + 1), std::move(message)});
    }

    // Reports keys outside `allowed` and returns the map's values by key.
    std::map<std::string, YAML::Node> mapping(const YAML::Node& node, std::string_view where,
                                              std::initializer_list<std::string_view> allowed) {
        std::map<std::string, YAML::Node> values;
        if (!node.IsMap()) {
            error(node.Mark(), std::string(where) + " must be a mapping");
            return values;
        }
        for (const auto& item : node) {
            const YAML::Node& key = item.first;
            const std::string name = key.IsScalar() ? key.Scalar() : std::string();
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                std::string list;
                for (const auto a : allowed)
                    list += (list.empty() ? "" : ", ") + std::string(a);
                error(key.Mark(), "unknown key '" + name + "' in " + std::string(where) +
                                      " (expected one of: " + list + ")");
                continue;
            }
            values[name] = item.second;
        }
        return values;
    }

    std::string string(const YAML::Node& node, std::string_view what) {
        if (!node.IsScalar()) {
            error(node.Mark(), std::string(what) + " must be a string");
            return {};
        }
        return node.Scalar();
    }

    std::string pattern(const YAML::Node& node, std::string_view what) {
        std::string text = string(node, what);
        if (!node.IsScalar())
            return {};
        if (text.empty()) {
            error(node.Mark(), std::string(what) + ": empty pattern");
            return {};
        }
        RE2::Options options;
        options.set_log_errors(false);
        const RE2 re(text, options);
        if (!re.ok())
            error(node.Mark(), std::string(what) + ": bad regular expression: " + re.error());
        return text;
    }

    std::vector<std::string> strings(const YAML::Node& node, std::string_view what, bool patterns) {
        std::vector<std::string> out;
        if (!node.IsSequence()) {
            if (!node.IsNull())
                error(node.Mark(), std::string(what) + " must be a list");
            return out;
        }
        if (node.size() > max_list_items) {
            error(node.Mark(),
                  std::string(what) + ": more than " + std::to_string(max_list_items) + " items");
            return out;
        }
        for (const auto& item : node)
            out.push_back(patterns ? pattern(item, what) : string(item, what));
        return out;
    }

    bool boolean(const YAML::Node& node, std::string_view what) {
        if (node.IsScalar()) {
            const std::string& s = node.Scalar();
            if (s == "true" || s == "yes" || s == "on")
                return true;
            if (s == "false" || s == "no" || s == "off")
                return false;
        }
        error(node.Mark(), std::string(what) + " must be true or false");
        return false;
    }

    std::uint32_t count(const YAML::Node& node, std::string_view what, std::uint32_t max) {
        if (node.IsScalar()) {
            const std::string& s = node.Scalar();
            if (!s.empty() && s.size() <= 6 &&
                std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                const auto value = static_cast<std::uint32_t>(std::stoul(s));
                if (value >= 1 && value <= max)
                    return value;
            }
        }
        error(node.Mark(),
              std::string(what) + " must be a number from 1 to " + std::to_string(max));
        return 1;
    }

private:
    std::string file_;
    std::vector<driver_diagnostic> errors_;
};

bool valid_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

void read_driver(reader& r, const YAML::Node& root, platform_driver& d) {
    auto top =
        r.mapping(root, "the driver",
                  {"platform", "aliases", "description", "prompts", "pager", "paging_off", "enable",
                   "config_mode", "errors", "line_ending", "blank_line_before_prompt", "ssh"});
    if (!root.IsMap())
        return;
    if (auto it = top.find("platform"); it == top.end()) {
        r.error(root.Mark(), "missing required key 'platform'");
    } else {
        d.name = r.string(it->second, "platform");
        if (it->second.IsScalar() && !valid_name(d.name))
            r.error(it->second.Mark(), "platform: use lower-case letters, digits, '_' and '-'");
    }
    if (auto it = top.find("aliases"); it != top.end()) {
        d.aliases = r.strings(it->second, "aliases", false);
        for (std::size_t i = 0; i < d.aliases.size(); ++i)
            if (!valid_name(d.aliases[i]))
                r.error(it->second[i].Mark(),
                        "aliases: use lower-case letters, digits, '_' and '-'");
    }
    if (auto it = top.find("description"); it != top.end())
        d.description = r.string(it->second, "description");

    if (auto it = top.find("prompts"); it == top.end()) {
        r.error(root.Mark(), "missing required key 'prompts'");
    } else {
        auto prompts = r.mapping(it->second, "prompts", {"user", "privileged", "config"});
        if (it->second.IsMap() && !prompts.contains("user"))
            r.error(it->second.Mark(), "missing required key 'user' in prompts");
        if (auto p = prompts.find("user"); p != prompts.end())
            d.user_prompt = r.pattern(p->second, "prompts.user");
        if (auto p = prompts.find("privileged"); p != prompts.end())
            d.privileged_prompt = r.pattern(p->second, "prompts.privileged");
        if (auto p = prompts.find("config"); p != prompts.end())
            d.config_prompt = r.pattern(p->second, "prompts.config");
    }
    if (auto it = top.find("pager"); it != top.end())
        d.pager_prompts = r.strings(it->second, "pager", true);
    if (auto it = top.find("paging_off"); it != top.end())
        d.paging_off = r.strings(it->second, "paging_off", false);
    if (auto it = top.find("enable"); it != top.end()) {
        auto enable = r.mapping(it->second, "enable", {"command", "password_prompt"});
        if (it->second.IsMap() && !enable.contains("command"))
            r.error(it->second.Mark(), "missing required key 'command' in enable");
        if (auto p = enable.find("command"); p != enable.end())
            d.enable_command = r.string(p->second, "enable.command");
        if (auto p = enable.find("password_prompt"); p != enable.end())
            d.enable_password_prompt = r.pattern(p->second, "enable.password_prompt");
    }
    if (auto it = top.find("config_mode"); it != top.end()) {
        auto config = r.mapping(it->second, "config_mode", {"enter", "exit"});
        for (const char* key : {"enter", "exit"})
            if (it->second.IsMap() && !config.contains(key))
                r.error(it->second.Mark(),
                        std::string("missing required key '") + key + "' in config_mode");
        if (auto p = config.find("enter"); p != config.end())
            d.config_enter = r.string(p->second, "config_mode.enter");
        if (auto p = config.find("exit"); p != config.end())
            d.config_exit = r.string(p->second, "config_mode.exit");
    }
    if (auto it = top.find("errors"); it != top.end())
        d.error_patterns = r.strings(it->second, "errors", true);
    if (auto it = top.find("line_ending"); it != top.end()) {
        d.line_ending = r.string(it->second, "line_ending");
        if (it->second.IsScalar() && d.line_ending != "\n" && d.line_ending != "\r\n" &&
            d.line_ending != "\r")
            r.error(it->second.Mark(), "line_ending must be \"\\n\", \"\\r\\n\" or \"\\r\"");
    }
    if (auto it = top.find("blank_line_before_prompt"); it != top.end())
        d.blank_line_before_prompt = r.boolean(it->second, "blank_line_before_prompt");
    if (auto it = top.find("ssh"); it != top.end()) {
        auto ssh = r.mapping(it->second, "ssh", {"exec", "sessions_per_connection"});
        if (auto p = ssh.find("exec"); p != ssh.end())
            d.exec_channels = r.boolean(p->second, "ssh.exec");
        if (auto p = ssh.find("sessions_per_connection"); p != ssh.end())
            d.sessions_per_connection = r.count(p->second, "ssh.sessions_per_connection", 1000);
    }
    if (!d.config_prompt.empty() && d.config_enter.empty() && top.contains("prompts") &&
        !top.contains("config_mode"))
        r.error(root.Mark(), "prompts.config needs config_mode (enter and exit commands)");
}

} // namespace

driver_parse_result parse_driver(std::string_view yaml_text, std::string_view file_name) {
    driver_parse_result result;
    reader r(file_name);
    if (yaml_text.size() > max_driver_file_bytes) {
        r.error(YAML::Mark{}, "file larger than 1 MiB");
        result.errors = std::move(r.errors());
        return result;
    }
    platform_driver driver;
    try {
        const YAML::Node root = YAML::Load(std::string(yaml_text));
        if (!root.IsDefined() || root.IsNull())
            r.error(YAML::Mark{}, "empty driver file");
        else
            read_driver(r, root, driver);
    } catch (const YAML::Exception& e) {
        r.error(e.mark, e.msg);
    }
    result.errors = std::move(r.errors());
    if (result.errors.empty()) {
        driver.source = std::string(file_name);
        result.driver = std::move(driver);
    }
    return result;
}

const driver_registry& driver_registry::shipped() {
    static const driver_registry registry = [] {
        driver_registry r;
        for (const auto& file : detail::shipped_driver_files()) {
            auto parsed = parse_driver(file.text, "shipped:" + std::string(file.name));
            // The shipped files are checked by the tests; a broken one is a build defect.
            if (!parsed.driver)
                throw std::logic_error("bad shipped driver: " + parsed.errors.front().to_string());
            r.add(std::move(*parsed.driver));
        }
        return r;
    }();
    return registry;
}

void driver_registry::add(platform_driver driver) {
    std::string name = driver.name;
    drivers_.insert_or_assign(std::move(name), std::move(driver));
}

std::vector<driver_diagnostic> driver_registry::load_folder(const std::filesystem::path& folder) {
    std::vector<driver_diagnostic> errors;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    std::filesystem::directory_iterator it(folder, ec);
    if (ec) {
        errors.push_back({folder.string(), 0, 0, "cannot read the folder: " + ec.message()});
        return errors;
    }
    constexpr std::size_t max_files = 10000;
    for (; it != std::filesystem::directory_iterator() && files.size() < max_files;
         it.increment(ec)) {
        const auto ext = it->path().extension();
        if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file(ec))
            files.push_back(it->path());
        if (ec)
            break;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            errors.push_back({path.string(), 0, 0, "cannot read the file"});
            continue;
        }
        auto parsed = parse_driver(text.str(), path.string());
        if (!parsed.driver) {
            errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
            continue;
        }
        add(std::move(*parsed.driver));
    }
    return errors;
}

const platform_driver* driver_registry::find(std::string_view name_or_alias) const {
    if (auto it = drivers_.find(name_or_alias); it != drivers_.end())
        return &it->second;
    for (const auto& [name, driver] : drivers_)
        if (std::find(driver.aliases.begin(), driver.aliases.end(), name_or_alias) !=
            driver.aliases.end())
            return &driver;
    return nullptr;
}

std::vector<std::string> driver_registry::names() const {
    std::vector<std::string> out;
    for (const auto& [name, driver] : drivers_)
        out.push_back(name);
    return out;
}

} // namespace engine
