#include <inventory/yaml_walk.hpp>
#include <jobs/job_file.hpp>

namespace jobs {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t max_job_file_size = 1024 * 1024;
constexpr std::size_t max_commands = 10'000;

// Reads one job's fields; each setter checks its value and reports at the value's place.
class collect_reader {
public:
    collect_reader(std::string file, fs::path base, inventory::error_list& errors)
        : file_(std::move(file))
        , base_(std::move(base))
        , errors_(errors) {}

    collect_job read(const YAML::Node& fields) {
        collect_job job;
        job.out = base_ / job.out; // the default too starts at the job file's folder
        if (!fields.IsMap()) {
            error(fields, "the collect job must be a map of fields, not " +
                              std::string(inventory::kind_of(fields)));
            return job;
        }
        bool has_inventory = false;
        inventory::for_each_entry(
            fields, file_, "field", " in the collect job", errors_,
            [&](const std::string& name, const YAML::Node& key, const YAML::Node& v) {
                if (name == "inventory")
                    has_inventory = path(v, job.inventory);
                else if (name == "filter")
                    texts(v, job.filters);
                else if (name == "commands")
                    texts(v, job.commands);
                else if (name == "commands_file")
                    path(v, job.commands_file);
                else if (name == "out")
                    path(v, job.out);
                else if (name == "concurrency")
                    count(v, job.concurrency);
                else if (name == "platform_limits")
                    platform_limits(v, job.platform_limits);
                else if (name == "options")
                    options(v, job.options);
                else if (name == "drivers")
                    path(v, job.drivers);
                else if (name == "command_timeout")
                    duration(v, job.command_timeout.emplace());
                else if (name == "device_timeout")
                    duration(v, job.device_timeout.emplace());
                else if (name == "grace")
                    duration(v, job.grace);
                else if (name == "attempts")
                    attempts(v, job.attempts);
                else if (name == "session_log")
                    flag(v, job.session_log);
                else if (name == "json")
                    flag(v, job.json);
                else
                    error(key, "unknown field \"" + name +
                                   "\" in the collect job (known: inventory, filter, commands, "
                                   "commands_file, out, concurrency, platform_limits, options, "
                                   "drivers, command_timeout, device_timeout, grace, attempts, "
                                   "session_log, json)");
            });
        if (!has_inventory)
            error(fields, "the collect job needs an inventory");
        if (job.commands.empty() && job.commands_file.empty())
            error(fields, "the collect job needs commands or a commands_file");
        return job;
    }

private:
    void error(const YAML::Node& at, std::string message) {
        errors_.push_back({inventory::mark_of(at, file_), std::move(message)});
    }

    bool text(const YAML::Node& v, std::string& out) {
        if (!v.IsScalar() || v.Scalar().empty()) {
            error(v, "must be text, not " + std::string(inventory::kind_of(v)));
            return false;
        }
        out = v.Scalar();
        return true;
    }
    bool path(const YAML::Node& v, fs::path& out) {
        std::string t;
        if (!text(v, t))
            return false;
        out = fs::path(t).is_absolute() ? fs::path(t) : base_ / t;
        return true;
    }
    // One text, or a list of texts.
    void texts(const YAML::Node& v, std::vector<std::string>& out) {
        if (v.IsScalar()) {
            std::string t;
            if (text(v, t))
                out.push_back(t);
            return;
        }
        if (!v.IsSequence()) {
            error(v, "must be text or a list of texts, not " + std::string(inventory::kind_of(v)));
            return;
        }
        if (v.size() > max_commands) {
            error(v, "more than " + std::to_string(max_commands) + " entries");
            return;
        }
        for (const auto& item : v) {
            std::string t;
            if (text(item, t))
                out.push_back(t);
        }
    }
    bool count(const YAML::Node& v, std::size_t& out) {
        const auto n = v.IsScalar() ? inventory::parse_unsigned(v.Scalar()) : std::nullopt;
        if (!n || *n == 0 || *n > 100'000) {
            error(v, "must be a whole number from 1 to 100000");
            return false;
        }
        out = static_cast<std::size_t>(*n);
        return true;
    }
    void attempts(const YAML::Node& v, unsigned& out) {
        std::size_t n = 0;
        if (!count(v, n))
            return;
        if (n > 10) {
            error(v, "attempts must be from 1 to 10");
            return;
        }
        out = static_cast<unsigned>(n);
    }
    void duration(const YAML::Node& v, std::chrono::milliseconds& out) {
        const auto d = v.IsScalar() ? inventory::parse_duration(v.Scalar()) : std::nullopt;
        if (!d) {
            error(v, "must be a duration such as 30, 30s, 500ms or 5m (at most a day)");
            return;
        }
        out = *d;
    }
    void flag(const YAML::Node& v, bool& out) {
        if (v.IsScalar() && (v.Scalar() == "true" || v.Scalar() == "false")) {
            out = v.Scalar() == "true";
            return;
        }
        error(v, "must be true or false");
    }
    void platform_limits(const YAML::Node& v, std::map<std::string, std::size_t>& out) {
        if (!v.IsMap()) {
            error(v, "must be a map of platform to devices at once, not " +
                         std::string(inventory::kind_of(v)));
            return;
        }
        inventory::for_each_entry(
            v, file_, "platform", " in platform_limits", errors_,
            [&](const std::string& platform, const YAML::Node&, const YAML::Node& limit) {
                std::size_t n = 0;
                if (count(limit, n))
                    out[platform] = n;
            });
    }
    // {Name: value, ...} or ["Name=value", ...], as `ssh -o` takes them.
    void options(const YAML::Node& v, std::vector<std::string>& out) {
        if (v.IsMap()) {
            inventory::for_each_entry(
                v, file_, "option", " in options", errors_,
                [&](const std::string& name, const YAML::Node&, const YAML::Node& value) {
                    std::string t;
                    if (text(value, t))
                        out.push_back(name + "=" + t);
                });
            return;
        }
        std::vector<std::string> items;
        texts(v, items);
        for (auto& item : items) {
            if (item.find('=') == std::string::npos && item.find(' ') == std::string::npos)
                error(v, "option \"" + item + "\" must be Name=value");
            else
                out.push_back(std::move(item));
        }
    }

    std::string file_;
    fs::path base_;
    inventory::error_list& errors_;
};

} // namespace

std::variant<job, inventory::error_list> load_job_text(std::string_view yaml,
                                                       const fs::path& file_name) {
    inventory::error_list errors;
    const std::string file = inventory::shown_path(file_name);
    const auto root = inventory::parse_yaml(yaml, file, errors);
    if (!root)
        return errors;
    if (!root->IsMap() || root->size() != 1) {
        errors.push_back({inventory::mark_of(*root, file),
                          "a job file holds one job: a map with one key naming its kind "
                          "(collect)"});
        return errors;
    }
    const auto entry = root->begin();
    const auto kind = entry->first.IsScalar() ? entry->first.Scalar() : std::string();
    if (kind != "collect") {
        errors.push_back({inventory::mark_of(entry->first, file),
                          "unknown job kind \"" + kind + "\" (known: collect)"});
        return errors;
    }
    auto parsed = collect_reader(file, file_name.parent_path(), errors).read(entry->second);
    if (!errors.empty())
        return errors;
    return job{std::move(parsed)};
}

std::variant<job, inventory::error_list> load_job_file(const fs::path& path) {
    inventory::error_list errors;
    const auto text = inventory::read_text_file(path, "the job file", max_job_file_size, errors);
    if (!text)
        return errors;
    return load_job_text(*text, path);
}

std::variant<std::vector<std::string>, std::string>
read_commands_file(const std::filesystem::path& path) {
    inventory::error_list errors;
    const auto text =
        inventory::read_text_file(path, "the commands file", max_job_file_size, errors);
    if (!text)
        return errors.front().text();
    std::vector<std::string> commands;
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        if (commands.size() == max_commands)
            return path.string() + " has more than " + std::to_string(max_commands) + " commands";
        commands.emplace_back(line);
    }
    return commands;
}

} // namespace jobs
