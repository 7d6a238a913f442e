#include <ssh/crypto/base64.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/known_hosts/fingerprint.hpp>

namespace ssh::known_hosts {

std::string fingerprint_sha256(bytes_view key_blob) {
    return "SHA256:" +
           crypto::base64_encode(crypto::digest(crypto::hash_alg::sha256, key_blob), false);
}

} // namespace ssh::known_hosts
