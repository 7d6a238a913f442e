// Which private key format a file holds, and to which parser it goes.
#include "openssh_key_v1.hpp"
#include "pem_armor.hpp"
#include "pem_private_key.hpp"

#include <ssh/crypto/errc.hpp>

namespace ssh::crypto {

std::optional<private_key> parse_private_key(std::string_view text,
                                             std::optional<std::string_view> passphrase,
                                             boost::system::error_code& ec, std::string* hint,
                                             const key_load_options& options) {
    ec.clear();
    if (hint)
        hint->clear();
    if (text.size() > max_key_file_size) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    if (text.starts_with("PuTTY-User-Key-File-")) {
        ec = errc::unsupported_key_file;
        if (hint)
            *hint = "PuTTY keys are not supported; export the key in OpenSSH format with "
                    "puttygen (Conversions > Export OpenSSH key)";
        return std::nullopt;
    }
    const auto block = detail::parse_armor(text, ec);
    if (!block)
        return std::nullopt;
    if (block->label == detail::openssh_key_label) {
        if (!block->headers.empty()) {
            ec = errc::bad_key_file;
            return std::nullopt;
        }
        return detail::parse_openssh_key_v1(block->body, passphrase, options, ec, hint);
    }
    if (detail::is_pem_private_key_label(block->label))
        return detail::parse_pem_private_key(*block, passphrase, ec, hint);
    if (block->label == "DSA PRIVATE KEY") {
        ec = errc::unsupported_key_type;
        return std::nullopt;
    }
    ec = errc::unsupported_key_file;
    if (hint)
        *hint = "the file holds '" + block->label + "', not a private key we know";
    return std::nullopt;
}

} // namespace ssh::crypto
