#include <ssh/known_hosts/errc.hpp>

#include <string>

namespace ssh::known_hosts {
namespace {

const char* describe(errc e) noexcept {
    switch (e) {
    case errc::host_key_unknown:
        return "host key unknown";
    case errc::host_key_mismatch:
        return "host key mismatch (the host is known with a different key)";
    case errc::host_key_revoked:
        return "host key revoked";
    case errc::incomplete_database:
        return "known_hosts could not be read in full";
    case errc::file_too_large:
        return "known_hosts file too large";
    case errc::not_a_regular_file:
        return "known_hosts path is not a regular file";
    case errc::line_too_long:
        return "known_hosts line too long";
    case errc::malformed_line:
        return "malformed known_hosts line";
    case errc::too_many_entries:
        return "too many entries in known_hosts file";
    case errc::short_write:
        return "short write to known_hosts file";
    case errc::invalid_host:
        return "invalid host name";
    }
    return "unknown known_hosts error";
}

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.known_hosts"; }
    std::string message(int ev) const override { return describe(static_cast<errc>(ev)); }
};

} // namespace

const boost::system::error_category& known_hosts_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), known_hosts_category()};
}

} // namespace ssh::known_hosts
