#include <ssh/wire/errc.hpp>

#include <string>

namespace ssh::wire {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.wire"; }

    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::truncated:
            return "message truncated: a field needs more bytes than remain";
        case errc::trailing_data:
            return "unexpected bytes after the end of the message";
        case errc::length_exceeds_limit:
            return "declared length exceeds the limit for this field";
        case errc::bad_mpint:
            return "mpint is not minimally encoded";
        case errc::negative_mpint:
            return "mpint is negative where an unsigned value is required";
        case errc::bad_name_list:
            return "name-list contains an empty name";
        case errc::bad_name_char:
            return "name-list contains a byte that is not printable US-ASCII";
        case errc::too_many_names:
            return "name-list contains too many names";
        case errc::length_overflow:
            return "length does not fit in a uint32 field";
        case errc::unbalanced_string:
            return "end_string without a matching begin_string";
        }
        return "unknown ssh.wire error " + std::to_string(ev);
    }
};

} // namespace

const boost::system::error_category& wire_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), wire_category()};
}

} // namespace ssh::wire
