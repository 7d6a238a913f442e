#include "config_tree.hpp"

#include <algorithm>
#include <utility>

namespace sim::junos {
namespace {

bool plain_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._:/@+,-").find(c) != std::string_view::npos;
}

std::string statement_text(const config_node& node) {
    return node.value ? node.key + " " + config_word(*node.value) : node.key;
}

// Junos marks secrets in displayed configurations.
std::string_view leaf_comment(const config_node& node) {
    return node.key == "encrypted-password" ? " ## SECRET-DATA" : "";
}

// "set <prefix> <statement>" for each leaf at or under `node`.
std::string set_lines(const config_node& node, const std::string& prefix) {
    const std::string here = prefix + " " + statement_text(node);
    if (node.children.empty())
        return "set" + here + "\n";
    std::string out;
    for (const auto& child : node.children)
        out += set_lines(child, here);
    return out;
}

// Junos prints a route with nothing but its next hop on one line.
bool one_line_route(const config_node& node) {
    return node.key.starts_with("route ") && node.children.size() == 1 &&
           node.children[0].key == "next-hop" && node.children[0].children.empty();
}

} // namespace

const config_node* config_node::child(std::string_view name) const {
    const auto it = std::find_if(children.begin(), children.end(),
                                 [&](const config_node& c) { return c.key == name; });
    return it == children.end() ? nullptr : &*it;
}

config_node* config_node::child(std::string_view name) {
    return const_cast<config_node*>(std::as_const(*this).child(name));
}

config_node& config_node::ensure_child(std::string_view name) {
    if (auto* existing = child(name))
        return *existing;
    children.push_back({std::string(name), std::nullopt, {}});
    return children.back();
}

const config_node* find_node(const config_node& root, const config_path& path) {
    const config_node* node = &root;
    for (const auto& step : path) {
        node = node->child(step.key);
        if (node == nullptr)
            return nullptr;
    }
    return node;
}

void set_statement(config_node& root, const config_path& path) {
    config_node* node = &root;
    for (const auto& step : path)
        node = &node->ensure_child(step.key);
    if (!path.empty() && path.back().value)
        node->value = path.back().value;
}

bool delete_statement(config_node& root, const config_path& path) {
    if (path.empty())
        return false;
    const config_path parent_path(path.begin(), path.end() - 1);
    auto* parent = const_cast<config_node*>(find_node(root, parent_path));
    if (parent == nullptr || parent->child(path.back().key) == nullptr)
        return false;
    std::erase_if(parent->children, [&](const config_node& c) { return c.key == path.back().key; });
    return true;
}

std::string path_text(const config_path& path) {
    std::string text;
    for (const auto& step : path) {
        if (!text.empty())
            text += ' ';
        text += step.key;
    }
    return text;
}

std::string config_word(std::string_view word) {
    if (!word.empty() && std::all_of(word.begin(), word.end(), plain_word_char))
        return std::string(word);
    std::string quoted = "\"";
    for (const char c : word) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

std::string render_statement(const config_node& node, std::size_t indent) {
    const std::string margin(indent, ' ');
    if (one_line_route(node))
        return margin + node.key + " " + statement_text(node.children[0]) + ";\n";
    if (node.children.empty())
        return margin + statement_text(node) + ";" + std::string(leaf_comment(node)) + "\n";
    std::string out = margin + statement_text(node) + " {\n";
    for (const auto& child : node.children)
        out += render_statement(child, indent + 4);
    return out + margin + "}\n";
}

std::string render_at(const config_node& root, const config_path& path, config_form form) {
    const config_node* node = find_node(root, path);
    if (node == nullptr)
        return "";
    std::string out;
    if (form == config_form::set_commands) {
        if (path.empty()) {
            for (const auto& child : node->children)
                out += set_lines(child, "");
            return out;
        }
        std::string prefix;
        for (std::size_t i = 0; i + 1 < path.size(); ++i)
            prefix += " " + path[i].key;
        return set_lines(*node, prefix);
    }
    if (!path.empty() && node->children.empty())
        return render_statement(*node, 0);
    for (const auto& child : node->children)
        out += render_statement(child, 0);
    return out;
}

} // namespace sim::junos
