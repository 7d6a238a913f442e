#pragma once
// SSH_MSG_KEXINIT (RFC 4253 §7.1): encoding and parsing.

#include <ssh/crypto/random.hpp>
#include <ssh/wire/reader.hpp>

#include <boost/system/error_code.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ssh::transport {

using name_list = std::vector<std::string>;

// The ten algorithm lists of a KEXINIT, in wire order.
struct algorithm_lists {
    name_list kex;
    name_list host_key;
    name_list cipher_c2s;
    name_list cipher_s2c;
    name_list mac_c2s;
    name_list mac_s2c;
    name_list compression_c2s;
    name_list compression_s2c;
    name_list language_c2s;
    name_list language_s2c;
};

struct kexinit {
    std::array<std::uint8_t, 16> cookie{};
    algorithm_lists lists;
    bool first_kex_packet_follows = false;
};

// The payload, message number included; the cookie is drawn from `random`.
std::vector<std::uint8_t> encode_kexinit(const algorithm_lists& lists, bool first_kex_follows,
                                         crypto::random_source& random);

// Parses a payload whose first byte is SSH_MSG_KEXINIT. Trailing bytes after the reserved
// uint32 are refused.
kexinit parse_kexinit(wire::bytes_view payload, boost::system::error_code& ec);

} // namespace ssh::transport
