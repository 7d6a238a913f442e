#pragma once
// Maps an error from any layer (sockets, ssh transport, authentication, channels, known_hosts,
// the client's deadlines) to the per-device taxonomy results and retries are built on.

#include <engine/device_error.hpp>

#include <boost/system/error_code.hpp>

namespace engine {

// Unknown errors become protocol_error: never silently "transient".
device_errc classify(const boost::system::error_code& ec) noexcept;

} // namespace engine
