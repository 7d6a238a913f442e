#include <ssh/auth/key_algorithms.hpp>
#include <ssh/crypto/signature_algorithms.hpp>

#include <algorithm>

namespace ssh::auth {
namespace {

constexpr std::string_view rsa_sha2_512 = "rsa-sha2-512"; // RFC 8332 §3
constexpr std::string_view rsa_sha2_256 = "rsa-sha2-256";
constexpr std::string_view ssh_rsa = "ssh-rsa"; // RFC 4253 §6.6, SHA-1: legacy only

bool lists(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

std::vector<std::string_view> user_key_algorithms(const crypto::public_key& key,
                                                  const std::vector<std::string>& server_sig_algs,
                                                  bool allow_ssh_rsa) {
    if (key.type() != crypto::key_type::rsa)
        return {crypto::describe(key.type()).name};

    if (lists(server_sig_algs, rsa_sha2_512))
        return {rsa_sha2_512};
    if (lists(server_sig_algs, rsa_sha2_256))
        return {rsa_sha2_256};
    if (allow_ssh_rsa && lists(server_sig_algs, ssh_rsa))
        return {ssh_rsa};
    std::vector<std::string_view> out{rsa_sha2_512, rsa_sha2_256};
    if (allow_ssh_rsa)
        out.push_back(ssh_rsa);
    return out;
}

} // namespace ssh::auth
