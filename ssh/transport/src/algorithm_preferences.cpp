#include <ssh/crypto/key_exchange.hpp>
#include <ssh/crypto/packet_cipher.hpp>
#include <ssh/crypto/signature_algorithms.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/wire/glob.hpp>

#include <algorithm>

namespace ssh::transport {
namespace {

template <typename Range>
name_list names_of(const Range& entries) {
    name_list out;
    for (const auto& e : entries)
        out.emplace_back(e.name);
    return out;
}

name_list registry(algorithm_category category) {
    switch (category) {
    case algorithm_category::kex:
        return names_of(crypto::all_kex());
    case algorithm_category::host_key:
        return names_of(crypto::all_signature_algorithms());
    case algorithm_category::cipher:
        return names_of(crypto::all_ciphers());
    case algorithm_category::mac:
        return names_of(crypto::all_macs());
    }
    return {};
}

// Splits "a,b,c"; empty entries are kept so that they can be reported.
std::vector<std::string_view> split(std::string_view list) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const auto comma = list.find(',', start);
        out.push_back(list.substr(start, comma - start));
        if (comma == std::string_view::npos)
            return out;
        start = comma + 1;
    }
}

} // namespace

algorithm_lists default_client_offer() {
    algorithm_lists l;
    // OpenSSH 9's order, less what Botan 2 cannot do (the post-quantum hybrids).
    l.kex = {"curve25519-sha256",
             "curve25519-sha256@libssh.org",
             "ecdh-sha2-nistp256",
             "ecdh-sha2-nistp384",
             "ecdh-sha2-nistp521",
             "diffie-hellman-group-exchange-sha256",
             "diffie-hellman-group16-sha512",
             "diffie-hellman-group18-sha512",
             "diffie-hellman-group14-sha256"};
    l.host_key = {"ssh-ed25519",         "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                  "ecdsa-sha2-nistp521", "rsa-sha2-512",        "rsa-sha2-256"};
    // AES-GCM first: with AES-NI it is Botan's fastest construction (about twice
    // chacha20-poly1305 on this class of machine), and every OpenSSH since 6.2 offers it.
    l.cipher_c2s = l.cipher_s2c = {"aes128-gcm@openssh.com",
                                   "aes256-gcm@openssh.com",
                                   "chacha20-poly1305@openssh.com",
                                   "aes128-ctr",
                                   "aes192-ctr",
                                   "aes256-ctr"};
    l.mac_c2s = l.mac_s2c = {"hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
                             "hmac-sha2-256", "hmac-sha2-512"};
    l.compression_c2s = l.compression_s2c = {"none"};
    return l;
}

name_list supported_algorithms(algorithm_category category) {
    return registry(category);
}

std::optional<name_list> apply_algorithm_spec(const name_list& current, algorithm_category category,
                                              std::string_view spec, std::string& error) {
    const char mode = spec.empty() ? '=' : spec.front();
    if (mode == '+' || mode == '-' || mode == '^')
        spec.remove_prefix(1);
    const auto supported = supported_algorithms(category);
    name_list named; // the names the spec selects, in spec order
    for (auto pattern : split(spec)) {
        if (pattern.empty()) {
            error = "empty algorithm name in \"" + std::string(spec) + "\"";
            return std::nullopt;
        }
        bool matched = false;
        for (const auto& name : supported) {
            if (!wire::glob_match(pattern, name))
                continue;
            matched = true;
            if (std::find(named.begin(), named.end(), name) == named.end())
                named.push_back(name);
        }
        if (!matched) {
            error = "unsupported algorithm \"" + std::string(pattern) + "\"";
            return std::nullopt;
        }
    }
    const auto in = [](const name_list& list, const std::string& n) {
        return std::find(list.begin(), list.end(), n) != list.end();
    };
    name_list out;
    switch (mode) {
    case '+':
        out = current;
        for (const auto& n : named)
            if (!in(out, n))
                out.push_back(n);
        break;
    case '-':
        for (const auto& n : current)
            if (!in(named, n))
                out.push_back(n);
        break;
    case '^':
        out = named;
        for (const auto& n : current)
            if (!in(out, n))
                out.push_back(n);
        break;
    default:
        out = named;
    }
    if (out.empty()) {
        error = "no algorithms left after \"" + std::string(spec) + "\"";
        return std::nullopt;
    }
    return out;
}

} // namespace ssh::transport
