// Host and client key pairs made with ssh-keygen once per test process and shared by every
// fixture in it (RSA 3072 generation takes a noticeable fraction of a second).
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace test_common {

enum class key_type { ed25519, ecdsa, rsa };

inline constexpr std::array<key_type, 3> all_key_types{key_type::ed25519, key_type::ecdsa,
                                                       key_type::rsa};

// "ed25519", "ecdsa" (P-256) or "rsa" (3072 bits): the ssh-keygen -t name.
std::string_view key_type_name(key_type type);

struct key_files {
    std::filesystem::path private_key; // OpenSSH format, mode 0600
    std::filesystem::path public_key;  // private_key + ".pub"
    std::string public_line;           // "ssh-ed25519 AAAA... comment", no newline
    std::string fingerprint;           // "SHA256:...", as ssh-keygen -lf prints it
};

// The first call generates every key below into one private temporary directory, removed at
// process exit; later calls return the same files. Throws when ssh-keygen is missing or fails.
const key_files& cached_host_key(key_type type);
const key_files& cached_client_key(key_type type); // no passphrase
const key_files& cached_encrypted_client_key();    // ed25519, client_key_passphrase()
inline constexpr std::string_view client_key_passphrase = "fleetsh-pass";

} // namespace test_common
