#include <ssh/crypto/key_exchange.hpp>
#include <ssh/crypto/packet_cipher.hpp>
#include <ssh/transport/negotiation.hpp>

#include <algorithm>

namespace ssh::transport {
namespace {

std::string join(const name_list& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty())
            out += ',';
        out += n;
    }
    return out.empty() ? "(nothing)" : out;
}

name_list without_pseudo_algorithms(const name_list& kex) {
    name_list out;
    std::copy_if(kex.begin(), kex.end(), std::back_inserter(out),
                 [](const std::string& n) { return !crypto::is_kex_pseudo_algorithm(n); });
    return out;
}

std::optional<std::string> first_common(const name_list& client, const name_list& server) {
    for (const auto& name : client)
        if (std::find(server.begin(), server.end(), name) != server.end())
            return name;
    return std::nullopt;
}

bool is_aead(const std::string& cipher) {
    const auto* info = crypto::find_cipher(cipher);
    return info != nullptr && info->aead;
}

} // namespace

std::string negotiation_failure::message() const {
    return "no common " + category + " algorithm: we offered " + join(client) +
           "; the peer offered " + join(server);
}

std::optional<negotiated_algorithms> negotiate(const algorithm_lists& client,
                                               const algorithm_lists& server,
                                               negotiation_failure& failure) {
    negotiated_algorithms out;
    const auto pick = [&](const char* category, const name_list& c, const name_list& s,
                          std::string& chosen) {
        if (auto name = first_common(c, s)) {
            chosen = std::move(*name);
            return true;
        }
        failure = {category, c, s};
        return false;
    };
    const bool ok =
        pick("key exchange", without_pseudo_algorithms(client.kex),
             without_pseudo_algorithms(server.kex), out.kex) &&
        pick("host key", client.host_key, server.host_key, out.host_key) &&
        pick("cipher (client to server)", client.cipher_c2s, server.cipher_c2s, out.cipher_c2s) &&
        pick("cipher (server to client)", client.cipher_s2c, server.cipher_s2c, out.cipher_s2c) &&
        (is_aead(out.cipher_c2s) ||
         pick("MAC (client to server)", client.mac_c2s, server.mac_c2s, out.mac_c2s)) &&
        (is_aead(out.cipher_s2c) ||
         pick("MAC (server to client)", client.mac_s2c, server.mac_s2c, out.mac_s2c)) &&
        pick("compression (client to server)", client.compression_c2s, server.compression_c2s,
             out.compression_c2s) &&
        pick("compression (server to client)", client.compression_s2c, server.compression_s2c,
             out.compression_s2c);
    if (!ok)
        return std::nullopt;
    return out;
}

bool kex_guess_was_wrong(const algorithm_lists& guesser, const negotiated_algorithms& chosen) {
    const auto kex = without_pseudo_algorithms(guesser.kex);
    return kex.empty() || guesser.host_key.empty() || kex.front() != chosen.kex ||
           guesser.host_key.front() != chosen.host_key;
}

} // namespace ssh::transport
