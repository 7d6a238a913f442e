#include "device_runtime.hpp"

namespace sim::server {

device_model& device_runtime::model(sim_clock::time_point now) {
    if (!model_)
        model_ = make_device_model(info.profile, now); // the fleet checked the platform
    return *model_;
}

ssh::asio::server_options device_runtime::connection_options() const {
    auto o = shared->base_options;
    o.host_keys.assign(served_keys.begin(), served_keys.end());
    if (info.behaviour.banner)
        o.auth.banner = *info.behaviour.banner + "\r\n";
    if (info.behaviour.max_sessions)
        o.max_sessions = *info.behaviour.max_sessions;
    return o;
}

void device_runtime::stop() {
    stopped = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    for (auto& weak : live)
        if (auto conn = weak.lock())
            conn->close("simulator stopping");
    for (auto& weak : held_sockets)
        if (auto socket = weak.lock())
            socket->close(ignored);
    live.clear();
    held_sockets.clear();
}

} // namespace sim::server
