#include <bench/client_runs.hpp>
#include <bench/report.hpp>

#include <ssh/asio/known_hosts_verifier.hpp>
#include <ssh/known_hosts/store.hpp>

#include <optional>

namespace bench {

using namespace std::chrono_literals;

std::shared_ptr<const ssh::crypto::private_key> load_key(const std::filesystem::path& path) {
    boost::system::error_code ec;
    auto key = ssh::crypto::load_private_key_file(path, std::nullopt, ec);
    if (!key)
        throw std::runtime_error("cannot load " + path.string() + ": " + ec.message());
    return std::make_shared<const ssh::crypto::private_key>(std::move(*key));
}

ssh::asio::client_options publickey_options(const std::string& user,
                                            const std::filesystem::path& key,
                                            const std::filesystem::path& known_hosts) {
    ssh::asio::client_options o;
    o.user = user;
    o.keys.push_back(load_key(key));
    o.preferred_authentications = {"publickey"};
    ssh::known_hosts::store_options so;
    so.user_file = known_hosts.string();
    auto store = std::make_shared<ssh::known_hosts::store>(so);
    store->load();
    o.verify_host_key =
        ssh::asio::make_known_hosts_verifier(store, ssh::known_hosts::policy::strict);
    o.connect_timeout = 20s;
    o.kex_timeout = 30s;
    o.auth_timeout = 30s;
    return o;
}

ssh::asio::exec_options with_timeout(std::chrono::milliseconds timeout) {
    ssh::asio::exec_options o;
    o.timeout = timeout;
    return o;
}

void drain(boost::asio::io_context& io, std::string_view what) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!io.stopped() && std::chrono::steady_clock::now() < deadline)
        io.run_one_for(50ms);
    if (!io.stopped())
        note(std::string("fleetsh: after ") + std::string(what) +
             ", the io_context still had work 5 s after every client was closed");
}

} // namespace bench
