#include <ssh/asio/known_hosts_verifier.hpp>
#include <ssh/crypto/signature_algorithms.hpp>

#include <algorithm>

namespace ssh::asio {

host_key_verifier make_known_hosts_verifier(std::shared_ptr<known_hosts::store> store,
                                            known_hosts::policy policy,
                                            std::function<bool(std::string_view)> ask) {
    return [store = std::move(store), policy, ask = std::move(ask)](
               std::string_view host, std::uint16_t port, const transport::host_key_offer& offer) {
        auto& random = crypto::system_random();
        const known_hosts::host_key_ref key{offer.key_type, offer.blob};
        auto v = store->verify(host, port, key, policy, random);
        if (v.what == known_hosts::action::needs_decision) {
            if (!ask || !ask(v.message))
                return host_key_verdict{false, v.error, v.message};
            store->add(host, port, key, random);
            return host_key_verdict{true, {}, {}};
        }
        return host_key_verdict{v.what == known_hosts::action::accept, v.error, v.message};
    };
}

transport::name_list order_host_key_algorithms(const transport::name_list& offer,
                                               const std::vector<std::string>& known_types) {
    const auto known = [&](const std::string& algorithm) {
        const auto* info = crypto::find_signature_algorithm(algorithm);
        if (info == nullptr)
            return false;
        const auto type = crypto::describe(info->key).name;
        return std::find(known_types.begin(), known_types.end(), type) != known_types.end();
    };
    transport::name_list out;
    std::copy_if(offer.begin(), offer.end(), std::back_inserter(out), known);
    std::copy_if(offer.begin(), offer.end(), std::back_inserter(out),
                 [&](const std::string& a) { return !known(a); });
    return out;
}

} // namespace ssh::asio
