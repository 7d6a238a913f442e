#include <ssh/crypto/base64.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/known_hosts/host_match.hpp>
#include <ssh/wire/glob.hpp>

#include <algorithm>
#include <array>

namespace ssh::known_hosts {
namespace {

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bytes_view as_bytes(std::string_view s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

} // namespace

std::string host_key_name(std::string_view host, std::uint16_t port) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    std::string name;
    name.reserve(host.size() + 8);
    if (port != 0 && port != 22)
        name += '[';
    std::transform(host.begin(), host.end(), std::back_inserter(name), lower);
    if (port != 0 && port != 22) {
        name += "]:";
        name += std::to_string(port);
    }
    return name;
}

bool valid_host_name(std::string_view host) noexcept {
    if (host.empty() || host.front() == '#' || host.front() == '@' || host.front() == '|')
        return false;
    return std::none_of(host.begin(), host.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f || c == ',' || c == '*' || c == '?' || c == '!';
    });
}

bool host_field_matches(const entry& e, std::string_view name) {
    if (e.hashed) {
        const auto mac = crypto::hmac(crypto::hash_alg::sha1, e.hashed->salt, as_bytes(name));
        return crypto::constant_time_equal(mac, e.hashed->mac);
    }
    bool positive = false;
    for (const auto& p : e.patterns) {
        if (!wire::glob_match(p.glob, name))
            continue;
        if (p.negated)
            return false; // a negated match rejects the line whatever else matches
        positive = true;
    }
    return positive;
}

std::string hash_host_name(std::string_view name, crypto::random_source& rng) {
    std::array<std::uint8_t, 20> salt{}; // the SHA-1 block output size, as ssh-keygen -H uses
    rng.fill(salt);
    const auto mac = crypto::hmac(crypto::hash_alg::sha1, salt, as_bytes(name));
    return "|1|" + crypto::base64_encode(salt) + "|" + crypto::base64_encode(mac);
}

} // namespace ssh::known_hosts
