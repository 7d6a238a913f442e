#pragma once
// Where the layers above the transport (authentication, connection) put the payloads they
// send. The transport frames, encrypts and orders them, holding them back during a key
// exchange; tests substitute a recorder.

#include <ssh/wire/reader.hpp>

namespace ssh::transport {

class payload_sink {
public:
    virtual ~payload_sink() = default;
    // `payload` starts with the message number; it is copied before send() returns.
    virtual void send(wire::bytes_view payload) = 0;
};

} // namespace ssh::transport
