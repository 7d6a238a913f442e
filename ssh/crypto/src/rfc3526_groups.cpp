// The RFC 3526 MODP groups, built once per process (parsing the prime and precomputing the
// fixed-base tables costs more than a key generation).

#include "key_agreement_detail.hpp"

namespace ssh::crypto::detail {

const Botan::DL_Group* rfc3526_group(std::size_t bits) {
    // Byte-identical to OpenSSH dh.c group14/16/18 (ssh-conformance.md §2.1). Function-local
    // statics: initialised once, thread-safely; a DL_Group is immutable afterwards.
    switch (bits) {
    case 2048: {
        static const Botan::DL_Group group14("modp/ietf/2048");
        return &group14;
    }
    case 4096: {
        static const Botan::DL_Group group16("modp/ietf/4096");
        return &group16;
    }
    case 8192: {
        static const Botan::DL_Group group18("modp/ietf/8192");
        return &group18;
    }
    }
    return nullptr;
}

} // namespace ssh::crypto::detail
