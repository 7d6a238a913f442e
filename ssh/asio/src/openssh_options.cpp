#include <ssh/asio/known_hosts_verifier.hpp>
#include <ssh/asio/openssh_options.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace ssh::asio {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

template <typename T>
bool parse_number(std::string_view text, T& out, T min, T max) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
        return false;
    out = value;
    return true;
}

bool parse_yes_no(std::string_view text, bool& out) {
    const auto v = lower(text);
    if (v == "yes" || v == "true")
        out = true;
    else if (v == "no" || v == "false")
        out = false;
    else
        return false;
    return true;
}

bool apply_list(transport::name_list& list, transport::algorithm_category category,
                std::string_view value, std::string& error) {
    auto updated = transport::apply_algorithm_spec(list, category, value, error);
    if (!updated)
        return false;
    list = std::move(*updated);
    return true;
}

} // namespace

std::string expand_home(std::string_view path) {
    if (path.substr(0, 2) != "~/")
        return std::string(path);
    const char* home = std::getenv("HOME");
    return std::string(home != nullptr ? home : "") + std::string(path.substr(1));
}

bool apply_openssh_option(client_options& options, openssh_settings& settings,
                          std::string_view option, std::string& error) {
    option = trim(option);
    const auto split = option.find_first_of("= \t");
    if (split == std::string_view::npos) {
        error = "option \"" + std::string(option) + "\" has no value";
        return false;
    }
    const auto key = lower(trim(option.substr(0, split)));
    const auto value = trim(option.substr(split + 1));
    std::string why;
    bool ok = !value.empty();
    auto& algos = options.algorithms;
    using transport::algorithm_category;
    if (!ok) {
        why = "empty value";
    } else if (key == "kexalgorithms") {
        ok = apply_list(algos.kex, algorithm_category::kex, value, why);
    } else if (key == "hostkeyalgorithms") {
        ok = apply_list(algos.host_key, algorithm_category::host_key, value, why);
    } else if (key == "ciphers") {
        ok = apply_list(algos.cipher_c2s, algorithm_category::cipher, value, why);
        algos.cipher_s2c = algos.cipher_c2s;
    } else if (key == "macs") {
        ok = apply_list(algos.mac_c2s, algorithm_category::mac, value, why);
        algos.mac_s2c = algos.mac_c2s;
    } else if (key == "userknownhostsfile") {
        settings.user_known_hosts_file = value == "none" ? "" : expand_home(value);
    } else if (key == "globalknownhostsfile") {
        settings.global_known_hosts_file = value == "none" ? "" : expand_home(value);
    } else if (key == "stricthostkeychecking") {
        const auto policy = known_hosts::parse_policy(value);
        ok = policy.has_value();
        if (ok)
            settings.host_key_checking = *policy;
        else
            why = "expected yes, accept-new, no, off or ask";
    } else if (key == "connecttimeout") {
        int seconds = 0;
        ok = parse_number(value, seconds, 1, 86400);
        options.connect_timeout = std::chrono::seconds(seconds);
        why = "expected a number of seconds";
    } else if (key == "serveraliveinterval") {
        int seconds = 0;
        ok = parse_number(value, seconds, 0, 86400);
        options.keepalive_interval = std::chrono::seconds(seconds);
        why = "expected a number of seconds";
    } else if (key == "serveralivecountmax") {
        ok = parse_number(value, options.keepalive_count_max, 1, 1000);
        why = "expected a count";
    } else if (key == "preferredauthentications") {
        options.preferred_authentications.clear();
        for (std::size_t start = 0; start <= value.size();) {
            const auto comma = std::min(value.find(',', start), value.size());
            const auto name = value.substr(start, comma - start);
            if (name != "publickey" && name != "password" && name != "keyboard-interactive") {
                ok = false;
                why = "unsupported method \"" + std::string(name) + "\"";
                break;
            }
            options.preferred_authentications.emplace_back(name);
            start = comma + 1;
        }
    } else if (key == "port") {
        ok = parse_number(value, options.port, std::uint16_t{1}, std::uint16_t{65535});
        why = "expected a port number";
    } else if (key == "user") {
        options.user = std::string(value);
    } else if (key == "identityfile") {
        settings.identity_files.push_back(expand_home(value));
    } else if (key == "batchmode") {
        ok = parse_yes_no(value, settings.batch_mode);
        why = "expected yes or no";
    } else {
        error = "unsupported option \"" + std::string(option.substr(0, split)) + "\"";
        return false;
    }
    if (!ok)
        error = "bad value for " + std::string(option.substr(0, split)) + ": " + why;
    return ok;
}

host_key_verifier make_verifier(const openssh_settings& settings,
                                std::function<bool(std::string_view)> ask) {
    known_hosts::store_options so;
    so.user_file = settings.user_known_hosts_file;
    if (!settings.global_known_hosts_file.empty())
        so.global_files.push_back(settings.global_known_hosts_file);
    auto store = std::make_shared<known_hosts::store>(so);
    store->load();
    return make_known_hosts_verifier(std::move(store), settings.host_key_checking,
                                     settings.batch_mode ? nullptr : std::move(ask));
}

} // namespace ssh::asio
