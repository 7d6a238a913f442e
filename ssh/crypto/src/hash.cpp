#include "botan_names.hpp"

#include <ssh/crypto/hash.hpp>

#include <botan/hash.h>
#include <botan/mac.h>
#include <botan/mem_ops.h>

#include <string>

namespace ssh::crypto {
void secure_wipe(void* data, std::size_t size) noexcept {
    Botan::secure_scrub_memory(data, size);
}

std::size_t digest_size(hash_alg alg) noexcept {
    switch (alg) {
    case hash_alg::sha1:
        return 20;
    case hash_alg::sha256:
        return 32;
    case hash_alg::sha384:
        return 48;
    case hash_alg::sha512:
        return 64;
    }
    return 0;
}

struct hasher::impl {
    std::unique_ptr<Botan::HashFunction> fn;
};

hasher::hasher(hash_alg alg)
    : impl_(std::make_unique<impl>(
          impl{Botan::HashFunction::create_or_throw(detail::botan_hash_name(alg))})) {}
hasher::~hasher() = default;
hasher::hasher(hasher&&) noexcept = default;
hasher& hasher::operator=(hasher&&) noexcept = default;

void hasher::update(bytes_view data) {
    impl_->fn->update(data.data(), data.size());
}

bytes hasher::final() {
    bytes out(impl_->fn->output_length());
    impl_->fn->final(out.data());
    return out;
}

bytes digest(hash_alg alg, bytes_view data) {
    hasher h(alg);
    h.update(data);
    return h.final();
}

bytes hmac(hash_alg alg, bytes_view key, bytes_view data) {
    auto mac = Botan::MessageAuthenticationCode::create_or_throw(
        std::string("HMAC(") + detail::botan_hash_name(alg) + ")");
    mac->set_key(key.data(), key.size());
    mac->update(data.data(), data.size());
    bytes out(mac->output_length());
    mac->final(out.data());
    return out;
}

bool constant_time_equal(bytes_view a, bytes_view b) noexcept {
    return a.size() == b.size() && Botan::constant_time_compare(a.data(), b.data(), a.size());
}

} // namespace ssh::crypto
