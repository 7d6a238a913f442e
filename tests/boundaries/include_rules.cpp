#include "include_rules.hpp"

#include <array>
#include <fstream>
#include <optional>
#include <string_view>

namespace boundaries {
namespace {

namespace fs = std::filesystem;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.rfind(prefix, 0) == 0;
}

struct rule {
    std::string_view text;
    bool (*applies_to)(std::string_view file);
    std::array<std::string_view, 3> forbidden; // include-path prefixes; empty entries unused
};

bool ssh_outside_asio(std::string_view f) {
    return starts_with(f, "ssh/") && !starts_with(f, "ssh/asio/");
}
bool outside_ssh_crypto(std::string_view f) {
    return !starts_with(f, "ssh/crypto/");
}
bool under_ssh(std::string_view f) {
    return starts_with(f, "ssh/");
}
bool under_inventory(std::string_view f) {
    return starts_with(f, "inventory/");
}

constexpr std::array rules = {
    rule{"only ssh/asio includes Asio", ssh_outside_asio, {"boost/asio", "asio.hpp", "asio/"}},
    rule{"only ssh/crypto includes Botan", outside_ssh_crypto, {"botan/", "", ""}},
    rule{"ssh/ logs through its sink, and reads no YAML", under_ssh, {"spdlog/", "yaml-cpp/", ""}},
    rule{
        "inventory/ depends on neither ssh/ nor engine/", under_inventory, {"ssh/", "engine/", ""}},
};

// The path inside <...> or "..." of an #include line, if the line is one.
std::optional<std::string> included_path(std::string_view line) {
    auto pos = line.find_first_not_of(" \t");
    if (pos == std::string_view::npos || line[pos] != '#')
        return std::nullopt;
    pos = line.find_first_not_of(" \t", pos + 1);
    if (pos == std::string_view::npos || line.substr(pos, 7) != "include")
        return std::nullopt;
    const auto open = line.find_first_of("<\"", pos + 7);
    if (open == std::string_view::npos)
        return std::nullopt;
    const char close_char = line[open] == '<' ? '>' : '"';
    const auto close = line.find(close_char, open + 1);
    if (close == std::string_view::npos)
        return std::nullopt;
    return std::string(line.substr(open + 1, close - open - 1));
}

bool is_cpp_file(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".ipp" || ext == ".cc";
}

bool skipped_dir(const fs::path& p) {
    const auto name = p.filename().string();
    return name == ".git" || starts_with(name, "build");
}

} // namespace

std::vector<violation> scan_tree(const fs::path& root) {
    std::vector<violation> found;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
         ++it) {
        if (it->is_directory() && skipped_dir(it->path())) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file() || !is_cpp_file(it->path()))
            continue;
        const auto rel = fs::relative(it->path(), root).generic_string();
        std::ifstream in(it->path());
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            const auto inc = included_path(line);
            if (!inc)
                continue;
            for (const auto& r : rules) {
                if (!r.applies_to(rel))
                    continue;
                for (auto prefix : r.forbidden)
                    if (!prefix.empty() && starts_with(*inc, prefix))
                        found.push_back({rel, number, *inc, std::string(r.text)});
            }
        }
    }
    return found;
}

} // namespace boundaries
