#include <ssh/auth/server_auth_config.hpp>
#include <ssh/crypto/signature_algorithms.hpp>

namespace ssh::auth {

std::vector<std::string> default_server_signature_algorithms() {
    std::vector<std::string> out;
    for (const auto& alg : crypto::all_signature_algorithms())
        if (alg.tier == crypto::algorithm_tier::default_on)
            out.emplace_back(alg.name);
    return out;
}

} // namespace ssh::auth
