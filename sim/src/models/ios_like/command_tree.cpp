#include "models/ios_like/command_tree.hpp"

#include "models/ios_like/formatting.hpp"

#include <algorithm>

namespace sim::ios_like {

enum class placeholder { none, word, number, rest };

struct command_tree::node {
    std::string keyword; // empty for a placeholder
    placeholder argument = placeholder::none;
    bool negation = false;       // the "no" that prefixes a negated command
    bool privileged_only = true; // every command through here is privileged
    command_handler handler;
    command_flags flags;
    std::vector<std::unique_ptr<node>> children;

    const node* placeholder_child() const {
        for (const auto& child : children) {
            if (child->argument != placeholder::none) {
                return child.get();
            }
        }
        return nullptr;
    }
};

namespace {

placeholder placeholder_of(std::string_view word) {
    if (word == "<word>") {
        return placeholder::word;
    }
    if (word == "<number>") {
        return placeholder::number;
    }
    return word == "<rest>" ? placeholder::rest : placeholder::none;
}

bool is_number(std::string_view text) {
    return !text.empty() && text.size() <= 10 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::vector<token> tokenize(std::string_view line, std::size_t from, std::size_t to) {
    std::vector<token> tokens;
    const std::string_view part = line.substr(0, std::min(to, line.size()));
    std::size_t at = std::min(from, part.size());
    while (at < part.size()) {
        const auto start = part.find_first_not_of(" \t", at);
        if (start == std::string_view::npos) {
            break;
        }
        const auto end = std::min(part.find_first_of(" \t", start), part.size());
        tokens.push_back({part.substr(start, end - start), start});
        at = end;
    }
    return tokens;
}

std::string parsed_command::line() const {
    std::string out;
    for (const auto& word : words) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

command_tree::command_tree(bool negatable)
    : root_(std::make_unique<node>()) {
    if (negatable) {
        auto no = std::make_unique<node>();
        no->keyword = "no";
        no->negation = true;
        no->privileged_only = false;
        root_->children.push_back(std::move(no));
    }
}

command_tree::~command_tree() = default;
command_tree::command_tree(command_tree&&) noexcept = default;
command_tree& command_tree::operator=(command_tree&&) noexcept = default;

void command_tree::add(std::string_view syntax, command_handler handler, command_flags flags) {
    node* at = root_.get();
    for (const auto word : split_words(syntax)) {
        const placeholder kind = placeholder_of(word);
        auto found = std::find_if(at->children.begin(), at->children.end(), [&](const auto& c) {
            return !c->negation && c->argument == kind &&
                   (kind != placeholder::none || c->keyword == word);
        });
        if (found == at->children.end()) {
            auto child = std::make_unique<node>();
            child->argument = kind;
            child->keyword = kind == placeholder::none ? std::string(word) : std::string();
            at->children.push_back(std::move(child));
            found = std::prev(at->children.end());
        }
        at = found->get();
        at->privileged_only = at->privileged_only && flags.privileged;
    }
    at->handler = std::move(handler);
    at->flags = flags;
}

std::variant<parsed_command, parse_failure> command_tree::parse(std::span<const token> tokens,
                                                                bool privileged) const {
    parsed_command parsed;
    const node* at = root_.get();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const token& word = tokens[i];
        const node* match = nullptr;
        std::size_t candidates = 0;
        bool hidden = false;
        for (const auto& child : at->children) {
            if (child->argument != placeholder::none || (child->negation && i != 0) ||
                !starts_with_ci(child->keyword, word.text)) {
                continue;
            }
            if (child->privileged_only && !privileged) {
                hidden = true;
            } else if (equals_ci(child->keyword, word.text)) {
                match = child.get();
                candidates = 1;
                break;
            } else {
                match = child.get();
                ++candidates;
            }
        }
        if (candidates > 1) {
            return parse_failure{parse_status::ambiguous, word.offset};
        }
        if (match != nullptr && match->negation) {
            parsed.negated = true;
            continue;
        }
        if (match != nullptr) {
            parsed.words.push_back(match->keyword);
            parsed.offsets.push_back(word.offset);
            at = match;
            continue;
        }
        const node* argument = at->placeholder_child();
        if (argument == nullptr ||
            (argument->argument == placeholder::number && !is_number(word.text))) {
            return parse_failure{hidden ? parse_status::privileged_required : parse_status::invalid,
                                 word.offset};
        }
        parsed.offsets.push_back(word.offset);
        at = argument;
        if (argument->argument == placeholder::rest) {
            const token& last = tokens.back();
            parsed.words.emplace_back(word.text.data(),
                                      last.text.data() + last.text.size() - word.text.data());
            break;
        }
        parsed.words.emplace_back(word.text);
    }
    // "no ip address": a negation may leave out the arguments.
    for (int depth = 0; parsed.negated && !at->handler && at->placeholder_child() && depth < 8;
         ++depth) {
        at = at->placeholder_child();
    }
    if (!at->handler) {
        const std::size_t end =
            tokens.empty() ? 0 : tokens.back().offset + tokens.back().text.size();
        return parse_failure{parse_status::incomplete, end};
    }
    parsed.handler = &at->handler;
    parsed.flags = at->flags;
    return parsed;
}

} // namespace sim::ios_like
