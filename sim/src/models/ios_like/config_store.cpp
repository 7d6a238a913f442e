#include "models/ios_like/config_store.hpp"

#include "models/ios_like/formatting.hpp"

#include <algorithm>
#include <utility>

namespace sim::ios_like {
namespace {

std::string_view without_no(std::string_view line) {
    return line.starts_with("no ") ? line.substr(3) : line;
}

bool begins_with_words(std::string_view line, std::string_view words) {
    return line == words ||
           (line.starts_with(words) && line.size() > words.size() && line[words.size()] == ' ');
}

std::size_t group_of(std::string_view line, std::span<const std::string_view> order) {
    line = without_no(line);
    std::size_t group = order.size();
    std::size_t matched = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (begins_with_words(line, order[i]) && order[i].size() > matched) {
            group = i;
            matched = order[i].size();
        }
    }
    return group;
}

std::string key_of(std::string_view line, line_key key) {
    const auto words = split_words(without_no(line));
    std::size_t count = words.size();
    if (key.words == line_key::all_but_last) {
        count = words.size() > 1 ? words.size() - 1 : words.size();
    } else if (key.words != line_key::all_words) {
        count = std::min(key.words, words.size());
    }
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += (i == 0 ? "" : " ");
        out += words[i];
    }
    return out;
}

void insert_in_group(std::vector<config_entry>& entries, config_entry entry) {
    const auto after = std::find_if(entries.begin(), entries.end(),
                                    [&](const config_entry& e) { return e.group > entry.group; });
    entries.insert(after, std::move(entry));
}

void set_line(std::vector<config_entry>& entries, std::span<const std::string_view> order,
              std::string line, line_key key) {
    const std::string wanted = key_of(line, key);
    for (auto& entry : entries) {
        if (!entry.is_section && key_of(entry.text, key) == wanted) {
            entry.text = std::move(line);
            return;
        }
    }
    const std::size_t group = group_of(line, order);
    insert_in_group(entries, config_entry{std::move(line), group, false, {}});
}

void remove_lines(std::vector<config_entry>& entries, std::string_view line, line_key key) {
    const std::string wanted = key_of(line, key);
    std::erase_if(entries, [&](const config_entry& entry) {
        return !entry.is_section && (begins_with_words(without_no(entry.text), line) ||
                                     key_of(entry.text, key) == wanted);
    });
}

} // namespace

config_store::config_store(std::span<const std::string_view> global_order,
                           std::span<const std::string_view> section_order)
    : global_order_(global_order)
    , section_order_(section_order) {}

void config_store::set(std::string line, line_key key) {
    set_line(entries_, global_order_, std::move(line), key);
}

void config_store::set_in(std::string_view header, std::string line, line_key key) {
    add_section(std::string(header));
    set_line(section(header)->children, section_order_, std::move(line), key);
}

void config_store::remove(std::string_view line, line_key key) {
    remove_lines(entries_, line, key);
}

void config_store::remove_in(std::string_view header, std::string_view line, line_key key) {
    if (auto* found = section(header)) {
        remove_lines(found->children, line, key);
    }
}

void config_store::add_section(std::string header) {
    if (section(header) == nullptr) {
        const std::size_t group = group_of(header, global_order_);
        insert_in_group(entries_, config_entry{std::move(header), group, true, {}});
    }
}

void config_store::remove_section(std::string_view header) {
    std::erase_if(entries_,
                  [&](const config_entry& e) { return e.is_section && e.text == header; });
}

const config_entry* config_store::find_section(std::string_view header) const {
    const auto found = std::find_if(entries_.begin(), entries_.end(), [&](const config_entry& e) {
        return e.is_section && e.text == header;
    });
    return found == entries_.end() ? nullptr : &*found;
}

config_entry* config_store::section(std::string_view header) {
    return const_cast<config_entry*>(std::as_const(*this).find_section(header));
}

std::string config_store::value_of(std::string_view key) const {
    for (const auto& entry : entries_) {
        if (!entry.is_section && begins_with_words(entry.text, key) &&
            entry.text.size() > key.size()) {
            return entry.text.substr(key.size() + 1);
        }
    }
    return {};
}

std::string config_store::render(std::string_view indent) const {
    std::string out = "!\n";
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const auto& entry = entries_[i];
        out += entry.text + "\n";
        if (entry.is_section) {
            for (const auto& child : entry.children) {
                out += std::string(indent) + child.text + "\n";
            }
            out += "!\n";
        } else if (i + 1 == entries_.size() || entries_[i + 1].group != entry.group) {
            out += "!\n";
        }
    }
    return out + "end\n";
}

} // namespace sim::ios_like
