#include "utc_text.hpp"
#include <unistd.h>

#include <jobs/results_store.hpp>

#include <random>

namespace jobs {
namespace {

constexpr std::size_t max_name_bytes = 96;

write_error os_error(std::string what, const std::filesystem::path& path, std::error_code ec) {
    return {what + " \"" + path.string() + "\": " + ec.message(), ec};
}

} // namespace

std::string file_safe_name(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (out.size() == max_name_bytes)
            break;
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        const char mapped = keep ? c : '_';
        if (mapped == '_' && !out.empty() && out.back() == '_')
            continue; // "show  |  include" → "show_include", not a run of underscores
        out += mapped;
    }
    if (!out.empty() && out.front() == '.')
        out.front() = '_'; // never "." or "..", never hidden
    return out.empty() ? std::string("_") : out;
}

std::string_view status_name(device_status s) noexcept {
    switch (s) {
    case device_status::ok:
        return "ok";
    case device_status::failed:
        return "failed";
    case device_status::interrupted:
        return "interrupted";
    }
    return "failed";
}

std::uint64_t device_record::bytes() const noexcept {
    std::uint64_t total = 0;
    for (const auto& c : commands)
        total += c.bytes;
    return total;
}

std::string make_run_id(std::chrono::system_clock::time_point now) {
    std::random_device random;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%06x", random() & 0xffffffu);
    return detail::utc_text(now, "%Y%m%dT%H%M%SZ") + "-" + suffix;
}

results_store::results_store(std::filesystem::path root, std::string run_id)
    : root_(std::move(root))
    , run_id_(std::move(run_id))
    , run_folder_(root_ / run_id_) {}

std::variant<results_store, write_error> results_store::open(const std::filesystem::path& root,
                                                             std::string run_id) {
    if (run_id.empty() || file_safe_name(run_id) != run_id)
        return write_error{"run id \"" + run_id + "\" is not a plain file name", {}};
    results_store store(root, std::move(run_id));
    std::error_code ec;
    std::filesystem::create_directories(store.run_folder_, ec);
    if (ec)
        return os_error("cannot create", store.run_folder_, ec);
    return store;
}

std::variant<command_record, write_error>
results_store::write_output(std::string_view device, std::string_view command,
                            std::string_view bytes, bool complete,
                            std::chrono::milliseconds duration) {
    const auto folder = file_safe_name(device);
    std::string name = file_safe_name(command);
    const int seen = ++used_names_[folder][name];
    if (seen > 1)
        name += "-" + std::to_string(seen);
    const auto file = folder + "/" + name + (complete ? ".txt" : ".incomplete.txt");
    if (auto e = write_file_atomically(run_folder_ / file, bytes))
        return *e;
    return command_record{std::string(command), file, bytes.size(), complete, duration};
}

std::filesystem::path results_store::device_folder(std::string_view device) const {
    return run_folder_ / file_safe_name(device);
}

void results_store::reset_device(std::string_view device) {
    const auto folder = file_safe_name(device);
    used_names_.erase(folder);
    std::error_code ec;
    std::filesystem::remove_all(run_folder_ / folder, ec); // nothing there is not an error
}

std::optional<write_error> results_store::write_summary(const run_summary& summary) const {
    return write_file_atomically(run_folder_ / "summary.json", summary_json(summary));
}

std::optional<write_error> results_store::point_latest() const {
    const auto link = root_ / "latest";
    const auto temporary = root_ / (".latest.tmp." + std::to_string(::getpid()));
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    std::filesystem::create_directory_symlink(run_id_, temporary, ec); // relative: movable
    if (ec)
        return os_error("cannot create link", temporary, ec);
    std::filesystem::rename(temporary, link, ec); // replaces an older link in one step
    if (ec) {
        std::filesystem::remove(temporary, ec);
        return os_error("cannot replace", link, ec);
    }
    return std::nullopt;
}

} // namespace jobs
