#pragma once
// Private: the state behind ssh::crypto::public_key.

#include <ssh/crypto/public_key.hpp>

#include <botan/pk_keys.h>

#include <memory>

namespace ssh::crypto {

struct public_key::impl {
    key_type type{};
    bytes blob;
    std::size_t bits = 0;
    std::unique_ptr<const Botan::Public_Key> botan; // built and validated at parse time
};

} // namespace ssh::crypto
