#include "config_compare.hpp"

#include <algorithm>
#include <string_view>

namespace sim::junos {
namespace {

class compare_writer {
public:
    // `node` removed from or added at `level`, with a banner when the level changes.
    void write(const config_path& level, char sign, const config_node& node) {
        const std::string banner = level.empty() ? "[edit]" : "[edit " + path_text(level) + "]";
        if (banner != last_banner_) {
            out_ += banner + "\n";
            last_banner_ = banner;
        }
        // Junos indents a change by its depth in the hierarchy, the sign taking one column.
        const std::size_t indent = std::max<std::size_t>(4, 2 * level.size());
        const std::string lines = render_statement(node, indent - 1);
        std::size_t start = 0;
        while (start < lines.size()) {
            const std::size_t end = lines.find('\n', start);
            out_ += sign;
            out_ += std::string_view(lines).substr(start, end - start + 1);
            start = end + 1;
        }
    }

    std::string take() { return std::move(out_); }

private:
    std::string out_;
    std::string last_banner_;
};

void compare_level(const config_node& before, const config_node& after, config_path& level,
                   compare_writer& out) {
    for (const auto& now : after.children) {
        const config_node* old = before.child(now.key);
        if (old == nullptr) {
            out.write(level, '+', now);
        } else if (old->value != now.value) {
            out.write(level, '-', *old);
            out.write(level, '+', now);
        } else if (*old != now) {
            level.push_back({now.key, std::nullopt});
            compare_level(*old, now, level, out);
            level.pop_back();
        }
    }
    for (const auto& old : before.children)
        if (after.child(old.key) == nullptr)
            out.write(level, '-', old);
}

} // namespace

std::string render_compare(const config_node& before, const config_node& after) {
    compare_writer out;
    config_path level;
    compare_level(before, after, level, out);
    return out.take();
}

} // namespace sim::junos
