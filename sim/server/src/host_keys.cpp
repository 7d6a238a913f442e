#include "host_keys.hpp"

#include <ssh/crypto/random.hpp>

namespace sim::server {
namespace {

std::string_view file_suffix(ssh::crypto::key_type type) {
    switch (type) {
    case ssh::crypto::key_type::ed25519:
        return "ed25519";
    case ssh::crypto::key_type::ecdsa_nistp256:
        return "ecdsa256";
    case ssh::crypto::key_type::ecdsa_nistp384:
        return "ecdsa384";
    case ssh::crypto::key_type::ecdsa_nistp521:
        return "ecdsa521";
    case ssh::crypto::key_type::rsa:
        return "rsa";
    }
    return "key";
}

std::variant<key_ptr, host_key_error> generate(ssh::crypto::key_type type) {
    boost::system::error_code ec;
    auto key = ssh::crypto::private_key::generate(type, ssh::crypto::system_random(), ec);
    if (!key)
        return host_key_error{"cannot generate a " + std::string(file_suffix(type)) +
                              " host key: " + ec.message()};
    return std::make_shared<const ssh::crypto::private_key>(std::move(*key));
}

} // namespace

host_key_source::host_key_source(std::vector<ssh::crypto::key_type> types,
                                 std::optional<std::filesystem::path> folder)
    : types_(std::move(types))
    , folder_(std::move(folder)) {}

std::variant<key_ptr, host_key_error> host_key_source::obtain(ssh::crypto::key_type type,
                                                              const std::string& file_stem) {
    if (!folder_)
        return generate(type);
    const auto path = *folder_ / (file_stem + "." + std::string(file_suffix(type)));
    boost::system::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        auto key = ssh::crypto::load_private_key_file(path, std::nullopt, ec);
        if (!key)
            return host_key_error{"cannot load host key " + path.string() + ": " + ec.message()};
        return std::make_shared<const ssh::crypto::private_key>(std::move(*key));
    }
    auto made = generate(type);
    if (auto* key = std::get_if<key_ptr>(&made)) {
        std::filesystem::create_directories(*folder_, ec);
        ssh::crypto::write_private_key_file(path, **key, ssh::crypto::system_random(), ec);
        if (ec)
            return host_key_error{"cannot save host key " + path.string() + ": " + ec.message()};
    }
    return made;
}

std::variant<std::vector<key_ptr>, host_key_error>
host_key_source::keys_for(const std::string& device) {
    std::vector<key_ptr> keys;
    for (const auto type : types_) {
        const bool shared = type == ssh::crypto::key_type::rsa;
        if (shared && shared_rsa_) {
            keys.push_back(shared_rsa_);
            continue;
        }
        auto got = obtain(type, shared ? std::string("fleet") : device);
        if (auto* e = std::get_if<host_key_error>(&got))
            return *e;
        keys.push_back(std::get<key_ptr>(got));
        if (shared)
            shared_rsa_ = keys.back();
    }
    return keys;
}

std::variant<std::vector<key_ptr>, host_key_error> host_key_source::impostor_keys() {
    std::vector<key_ptr> keys;
    for (const auto type : types_) {
        auto got = generate(type);
        if (auto* e = std::get_if<host_key_error>(&got))
            return *e;
        keys.push_back(std::get<key_ptr>(got));
    }
    return keys;
}

} // namespace sim::server
