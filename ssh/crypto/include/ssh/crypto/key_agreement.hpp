#pragma once
// One side's ephemeral key agreement for a KEX method (ssh-conformance.md §2.1): it makes
// the value we send (Q_C/Q_S or e/f) and turns the peer's value into the shared secret K.
//
// Flow (either role):
//     auto ka = make_key_agreement(*find_kex(name), rng, ec);
//     send(ka->public_value());                // string for curve25519/ECDH, mpint for DH
//     auto k = ka->agree(peer_value, ec);      // peer's string contents / mpint magnitude
//     if (ec) disconnect(...);
//     w.mpint_unsigned(k);                     // mpint K, hashed into H and key derivation
//
// K is returned as the big-endian magnitude of the integer with no leading zero bytes, so
// that encoding it as an mpint gives the canonical form both sides hash (§2.1 DH notes,
// RFC 8731 §3: the X25519 output is read as a big-endian integer, without byte reversal).

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/key_exchange.hpp>
#include <ssh/crypto/random.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <memory>

namespace ssh::crypto {

class key_agreement {
public:
    virtual ~key_agreement() = default;

    // What goes on the wire: X25519 the 32-byte public key; ECDH the uncompressed point
    // 0x04||X||Y; DH the magnitude of e (client) or f (server), to be encoded as an mpint.
    virtual bytes_view public_value() const noexcept = 0;

    // The shared secret K from the peer's value, or empty with ec set:
    //  - invalid_public_value: X25519 peer not 32 bytes; EC peer not an uncompressed point of
    //    the exact length on the curve; DH peer outside 1 < f < p-1 (RFC 4253 §8);
    //  - weak_shared_secret: X25519 output all zero (RFC 7748 §6.1, RFC 8731 §3);
    //  - backend_failure: the crypto library failed.
    // May be called more than once; the private key is not consumed.
    virtual secure_bytes agree(bytes_view peer_value, boost::system::error_code& ec) = 0;
};

// A fresh ephemeral key for a curve25519, ecdh or dh_fixed_group method; the private key is
// drawn from `rng`, which must outlive the returned object (DH blinding draws from it too).
// nullptr with ec = unknown_algorithm for dh_group_exchange (use make_dh_group_agreement)
// or backend_failure.
std::unique_ptr<key_agreement> make_key_agreement(const kex_info& kex, random_source& rng,
                                                  boost::system::error_code& ec);

// A DH key over the group of a group exchange (RFC 4419 §3), given as big-endian magnitudes
// (the contents of the mpints p and g). nullptr with ec = bad_group unless p is odd with
// 2048 <= bits(p) <= 8192 and 1 < g < p-1. The caller checks bits(p) against its own
// [min, max] request first (RFC 4419 §3). `rng` must outlive the returned object.
std::unique_ptr<key_agreement> make_dh_group_agreement(bytes_view p, bytes_view g,
                                                       random_source& rng,
                                                       boost::system::error_code& ec);

// A DH group as big-endian magnitudes (the contents of mpint p and mpint g).
struct dh_group_params {
    bytes p;
    bytes g;
};

// The server's answer to SSH_MSG_KEX_DH_GEX_REQUEST(min, n, max) without a moduli file,
// following OpenSSH (ssh-conformance.md §2.1 DH notes; kexgexs.c, dh.c
// dh_new_group_fallback): max capped at 8192 gives, if below 3072, the RFC 3526 2048-bit
// group (group14), if below 6144 the 4096-bit group (group16), else the 8192-bit group
// (group18). ec = bad_group when the request is not ordered (min <= n <= max, as OpenSSH
// checks) or the chosen group's size lies outside [max(min, 2048), max], which the client
// would refuse (RFC 4419 §3).
dh_group_params select_gex_group(std::uint32_t min, std::uint32_t n, std::uint32_t max,
                                 boost::system::error_code& ec);

} // namespace ssh::crypto
