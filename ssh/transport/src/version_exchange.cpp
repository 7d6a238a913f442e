#include <ssh/transport/errc.hpp>
#include <ssh/transport/version_exchange.hpp>

namespace ssh::transport {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.rfind(prefix, 0) == 0;
}

} // namespace

std::string make_identification(std::string_view software, std::string_view comment) {
    std::string line = "SSH-2.0-";
    line += software;
    if (!comment.empty()) {
        line += ' ';
        line += comment;
    }
    return line;
}

std::string_view identification_reader::software_version() const noexcept {
    // SSH-protoversion-softwareversion SP comments (RFC 4253 §4.2)
    std::string_view rest = line_;
    const auto first_dash = rest.find('-');
    const auto second_dash = rest.find('-', first_dash + 1);
    if (first_dash == std::string_view::npos || second_dash == std::string_view::npos)
        return {};
    rest.remove_prefix(second_dash + 1);
    return rest.substr(0, rest.find(' '));
}

boost::system::error_code identification_reader::finish_line() {
    if (!line_.empty() && line_.back() == '\r')
        line_.pop_back();
    if (!starts_with(line_, "SSH-")) {
        if (!accept_pre_lines_)
            return errc::not_ssh;
        if (++pre_lines_ > max_pre_lines)
            return errc::too_many_banner_lines;
        line_.clear();
        return {};
    }
    // Version 1.99 is how SSH-2 servers that also speak SSH-1 announce themselves (§5.1).
    if (!starts_with(line_, "SSH-2.0-") && !starts_with(line_, "SSH-1.99-") && line_ != "SSH-2.0")
        return errc::protocol_version_mismatch;
    for (char c : line_)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            return errc::banner_invalid;
    done_ = true;
    return {};
}

std::size_t identification_reader::feed(wire::bytes_view data, boost::system::error_code& ec) {
    std::size_t used = 0;
    while (!done_ && !ec && used < data.size()) {
        const auto c = static_cast<char>(data[used++]);
        if (c == '\n') {
            ec = finish_line();
            continue;
        }
        if (c == '\0') {
            ec = errc::banner_invalid;
            break;
        }
        line_.push_back(c);
        const bool version_line = starts_with(line_, "SSH-");
        if (!version_line && !accept_pre_lines_ && line_.size() >= 4) {
            ec = errc::not_ssh; // a server expects SSH- first (RFC 4253 §4.2): fail fast
            break;
        }
        // The identification is at most 255 bytes with its CR LF (RFC 4253 §4.2).
        const std::size_t limit =
            version_line ? max_identification_length - 1 : max_pre_line_length;
        if (line_.size() > limit)
            ec = errc::banner_too_long;
    }
    return used;
}

} // namespace ssh::transport
