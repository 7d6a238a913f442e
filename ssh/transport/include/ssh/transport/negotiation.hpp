#pragma once
// Algorithm negotiation (RFC 4253 §7.1): a pure function of the two KEXINITs.

#include <ssh/transport/kexinit.hpp>

#include <optional>
#include <string>

namespace ssh::transport {

struct negotiated_algorithms {
    std::string kex;
    std::string host_key;
    std::string cipher_c2s;
    std::string cipher_s2c;
    std::string mac_c2s; // empty when cipher_c2s is an AEAD cipher
    std::string mac_s2c;
    std::string compression_c2s;
    std::string compression_s2c;
};

// Why negotiation failed: the category and both sides' lists, for an error a person can act
// on ("no common cipher: we offered ..., the server offered ...").
struct negotiation_failure {
    std::string category; // "key exchange", "host key", "cipher (client to server)", ...
    name_list client;
    name_list server;
    std::string message() const;
};

// The first algorithm of the client's list that the server also lists, per category.
// Pseudo-algorithms (ext-info-*, kex-strict-*) are never chosen as a kex method. When the
// chosen cipher is an AEAD cipher, that direction's MAC is not negotiated (OpenSSH
// PROTOCOL §1.6). On failure returns nullopt and fills `failure`.
std::optional<negotiated_algorithms> negotiate(const algorithm_lists& client,
                                               const algorithm_lists& server,
                                               negotiation_failure& failure);

// True when the sender of `guesser` set first_kex_packet_follows and guessed wrong: its first
// kex or host key algorithm is not the one negotiated (RFC 4253 §7.1). The packet that
// follows its KEXINIT must then be ignored.
bool kex_guess_was_wrong(const algorithm_lists& guesser, const negotiated_algorithms& chosen);

} // namespace ssh::transport
