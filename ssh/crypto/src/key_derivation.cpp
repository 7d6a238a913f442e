// RFC 4253 §7.2 key derivation (ssh-conformance.md §3.6).

#include "botan_names.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/key_derivation.hpp>

#include <boost/system/system_error.hpp>

#include <botan/hash.h>

#include <algorithm>

namespace ssh::crypto {

secure_bytes derive_key(hash_alg alg, bytes_view encoded_k, bytes_view exchange_hash, char letter,
                        bytes_view session_id, std::size_t size) {
    // Botan's own handle rather than ssh::crypto::hasher, so every intermediate block stays
    // in wiped memory.
    auto fn = Botan::HashFunction::create(detail::botan_hash_name(alg));
    if (!fn) {
        throw boost::system::system_error(make_error_code(errc::backend_failure),
                                          "derive_key: hash unavailable");
    }
    const auto letter_byte = static_cast<std::uint8_t>(letter);

    // K1 = HASH(K || H || letter || session_id)
    fn->update(encoded_k.data(), encoded_k.size());
    fn->update(exchange_hash.data(), exchange_hash.size());
    fn->update(letter_byte);
    fn->update(session_id.data(), session_id.size());
    Botan::secure_vector<std::uint8_t> material = fn->final();

    // K(n+1) = HASH(K || H || K1 || ... || Kn)
    while (material.size() < size) {
        fn->update(encoded_k.data(), encoded_k.size());
        fn->update(exchange_hash.data(), exchange_hash.size());
        fn->update(material.data(), material.size());
        const auto next = fn->final();
        material.insert(material.end(), next.begin(), next.end());
    }
    return secure_bytes(material.begin(), material.begin() + static_cast<std::ptrdiff_t>(size));
}

} // namespace ssh::crypto
