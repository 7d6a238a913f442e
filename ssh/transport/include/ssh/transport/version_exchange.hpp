#pragma once
// The identification exchange of RFC 4253 §4.2.
//
// Flow: send identification_line() right after connecting; feed() received bytes to an
// identification_reader until done(); the bytes after the line are the first binary packets
// and belong to the packet reader.

#include <ssh/wire/reader.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace ssh::transport {

// "SSH-2.0-<software>[ <comment>]" without CR LF; software must be printable US-ASCII
// without spaces or '-'. The version string is hashed into H without CR LF (RFC 4253 §8).
std::string make_identification(std::string_view software, std::string_view comment = {});

// Reads the peer's identification line.
//
// A client accepts up to max_pre_lines lines of other text before the SSH- line (servers
// may send them, RFC 4253 §4.2); a server accepts none. Lines may end in CR LF or LF alone.
// NUL bytes and other control characters, lines longer than their limit and SSH-1 peers are
// refused. At most max_pre_lines * max_pre_line_length + 255 bytes are ever consumed.
class identification_reader {
public:
    static constexpr std::size_t max_pre_lines = 1024;
    static constexpr std::size_t max_pre_line_length = 8192;
    static constexpr std::size_t max_identification_length = 255; // CR LF included

    explicit identification_reader(bool accept_pre_lines) noexcept
        : accept_pre_lines_(accept_pre_lines) {}

    // Consumes bytes up to and including the identification line; returns how many. Once
    // done() or failed, consumes nothing more.
    std::size_t feed(wire::bytes_view data, boost::system::error_code& ec);

    bool done() const noexcept { return done_; }
    // The peer's identification without CR LF, e.g. "SSH-2.0-OpenSSH_9.2p1 Debian-2".
    const std::string& identification() const noexcept { return line_; }
    // The software version field ("OpenSSH_9.2p1"), for compatibility decisions.
    std::string_view software_version() const noexcept;
    std::size_t pre_lines() const noexcept { return pre_lines_; }

private:
    boost::system::error_code finish_line();

    bool accept_pre_lines_;
    bool done_ = false;
    std::string line_;
    std::size_t pre_lines_ = 0;
};

} // namespace ssh::transport
