#include "exchange_hash.hpp"

#include <ssh/wire/writer.hpp>

namespace ssh::transport::detail {

crypto::secure_bytes encode_shared_secret(wire::bytes_view magnitude) {
    wire::writer k;
    k.mpint_unsigned(magnitude);
    auto bytes = k.take();
    crypto::secure_bytes out(bytes.begin(), bytes.end());
    crypto::secure_wipe(bytes.data(), bytes.size());
    return out;
}

crypto::bytes exchange_hash(const crypto::kex_info& kex, const kex_inputs& in,
                            wire::bytes_view host_key_blob, const gex_parameters* gex,
                            wire::bytes_view client_value, wire::bytes_view server_value,
                            wire::bytes_view encoded_k) {
    wire::writer h;
    h.string(in.client_identification);
    h.string(in.server_identification);
    h.string(in.client_kexinit);
    h.string(in.server_kexinit);
    h.string(host_key_blob);
    if (gex != nullptr) {
        h.uint32(gex->min);
        h.uint32(gex->preferred);
        h.uint32(gex->max);
        h.mpint_unsigned(gex->p);
        h.mpint_unsigned(gex->g);
    }
    if (is_dh(kex.kind)) {
        h.mpint_unsigned(client_value);
        h.mpint_unsigned(server_value);
    } else {
        h.string(client_value);
        h.string(server_value);
    }
    crypto::hasher hash(kex.hash);
    hash.update(h.data());
    hash.update(encoded_k);
    return hash.final();
}

} // namespace ssh::transport::detail
