// A device session as a person reads it afterwards: what fleetsh sent, what the device sent
// back, and the session's events, with every secret of the device masked. Bytes go to a sink
// (jobs/ writes them to <device>/session.log).
//
//   engine::session_log log(sink, {password, enable_secret});
//   log.event("connected to 10.0.0.1:22");
//   log.sent("show version\n");
//   log.received(chunk);            // masked, even when a secret is split across chunks
//   log.secret_sent();              // the enable secret itself is never written
//
// Received bytes are held back by at most (longest secret - 1) bytes, so that no prefix of a
// secret is written before the rest of it has been seen; flush() writes what is held.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace engine {

class session_log {
public:
    using sink = std::function<void(std::string_view)>;

    // Empty secrets are ignored.
    session_log(sink out, std::vector<std::string> secrets);
    ~session_log();
    session_log(const session_log&) = delete;
    session_log& operator=(const session_log&) = delete;

    void event(std::string_view what); // a line "## what", masked too
    void sent(std::string_view bytes);
    void secret_sent();
    void received(std::string_view bytes);
    void flush();

    static constexpr std::string_view mask = "********";

private:
    void write_sent(std::string_view bytes);
    std::size_t mask_into(std::string_view text, std::size_t cut, std::string& out) const;
    std::string masked(std::string_view text) const;

    sink out_;
    std::vector<std::string> secrets_;
    std::size_t hold_ = 0;  // longest secret - 1
    std::string pending_;   // received, not yet written
    bool mid_line_ = false; // the last written byte was not a line end
};

} // namespace engine
