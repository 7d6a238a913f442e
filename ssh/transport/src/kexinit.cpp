#include <ssh/transport/errc.hpp>
#include <ssh/transport/kexinit.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

#include <string_view>

namespace ssh::transport {
namespace {

// The lists in wire order, so encoding and parsing cannot disagree on it.
template <typename Lists>
auto ordered(Lists& l) {
    return std::array{&l.kex,          &l.host_key,    &l.cipher_c2s,      &l.cipher_s2c,
                      &l.mac_c2s,      &l.mac_s2c,     &l.compression_c2s, &l.compression_s2c,
                      &l.language_c2s, &l.language_s2c};
}

} // namespace

std::vector<std::uint8_t> encode_kexinit(const algorithm_lists& lists, bool first_kex_follows,
                                         crypto::random_source& random) {
    wire::writer w;
    w.byte(wire::number(wire::msg::kexinit));
    std::array<std::uint8_t, 16> cookie{};
    random.fill(cookie);
    w.raw(cookie);
    for (const name_list* list : ordered(lists)) {
        std::vector<std::string_view> names(list->begin(), list->end());
        w.name_list(names);
    }
    w.boolean(first_kex_follows);
    w.uint32(0); // reserved for future extension
    return w.take();
}

kexinit parse_kexinit(wire::bytes_view payload, boost::system::error_code& ec) {
    kexinit out;
    wire::reader r{payload};
    if (r.byte() != wire::number(wire::msg::kexinit)) {
        ec = errc::bad_message;
        return out;
    }
    const auto cookie = r.raw(16);
    for (name_list* list : ordered(out.lists))
        for (std::string_view name : r.name_list(wire::limits::max_name_list_length))
            list->emplace_back(name);
    out.first_kex_packet_follows = r.boolean();
    r.uint32(); // reserved
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return {};
    }
    std::copy(cookie.begin(), cookie.end(), out.cookie.begin());
    return out;
}

} // namespace ssh::transport
