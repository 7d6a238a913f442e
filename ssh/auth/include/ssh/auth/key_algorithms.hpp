#pragma once
// Which signature algorithms to try, in order, for one user key.

#include <ssh/crypto/public_key.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ssh::auth {

// Ed25519 and ECDSA keys sign with their one algorithm (RFC 8709 §6, RFC 5656 §3.1.2).
//
// RSA keys ("ssh-rsa" blobs) sign with rsa-sha2-512 or rsa-sha2-256 (RFC 8332 §3.2). The
// server lists what it verifies in server-sig-algs (RFC 8308 §3.1), which is not always sent
// or complete (ssh-conformance.md §3.9), so:
//   - if the list names rsa-sha2-512, only that; else if it names rsa-sha2-256, only that;
//   - if allow_ssh_rsa and the list names ssh-rsa but neither rsa-sha2 algorithm, ssh-rsa;
//   - otherwise rsa-sha2-512 then rsa-sha2-256, then ssh-rsa (SHA-1) if allow_ssh_rsa.
// Each name after the first costs one more request (and one more of the server's
// MaxAuthTries) when the previous one is refused, so fallbacks apply only when the server did
// not tell us.
//
// The views point to static storage.
std::vector<std::string_view> user_key_algorithms(const crypto::public_key& key,
                                                  const std::vector<std::string>& server_sig_algs,
                                                  bool allow_ssh_rsa);

} // namespace ssh::auth
