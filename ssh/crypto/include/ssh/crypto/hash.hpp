#pragma once
// Hash functions and HMAC, as SSH uses them (exchange hash, key derivation, known_hosts
// hashing, fingerprints).

#include <ssh/crypto/bytes.hpp>

#include <memory>

namespace ssh::crypto {

enum class hash_alg { sha1, sha256, sha384, sha512 };

std::size_t digest_size(hash_alg alg) noexcept;

// An incremental hash. Flow: construct, update()..., final() once.
class hasher {
public:
    explicit hasher(hash_alg alg);
    ~hasher();
    hasher(hasher&&) noexcept;
    hasher& operator=(hasher&&) noexcept;

    void update(bytes_view data);
    bytes final();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

bytes digest(hash_alg alg, bytes_view data);
bytes hmac(hash_alg alg, bytes_view key, bytes_view data);

// Compares in time that depends only on the lengths, never on the contents.
bool constant_time_equal(bytes_view a, bytes_view b) noexcept;

} // namespace ssh::crypto
