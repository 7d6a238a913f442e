#include <ssh/transport/errc.hpp>
#include <ssh/transport/version_exchange.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

using ssh::transport::errc;
using ssh::transport::identification_reader;

namespace {

struct outcome {
    boost::system::error_code ec;
    std::size_t used = 0;
};

outcome feed_all(identification_reader& r, std::string_view text) {
    outcome o;
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    o.used = r.feed({p, text.size()}, o.ec);
    return o;
}

// Feeds one byte at a time, as a trickling peer would.
outcome feed_bytewise(identification_reader& r, std::string_view text) {
    outcome o;
    for (char c : text) {
        if (r.done() || o.ec)
            break;
        const auto b = static_cast<std::uint8_t>(c);
        o.used += r.feed({&b, 1}, o.ec);
    }
    return o;
}

} // namespace

BOOST_AUTO_TEST_SUITE(version_exchange)

BOOST_AUTO_TEST_CASE(builds_our_identification) {
    BOOST_TEST(ssh::transport::make_identification("fleetsh_0.1") == "SSH-2.0-fleetsh_0.1");
    BOOST_TEST(ssh::transport::make_identification("fleetsh_0.1", "x") == "SSH-2.0-fleetsh_0.1 x");
}

BOOST_AUTO_TEST_CASE(reads_crlf_line_and_stops_at_its_end) {
    identification_reader r{true};
    const std::string text = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6\r\n\x00\x00\x00\x0c";
    const auto o = feed_all(r, text);
    BOOST_TEST(!o.ec, o.ec.message());
    BOOST_TEST(r.done());
    BOOST_TEST(o.used == text.find('\n') + 1);
    BOOST_TEST(r.identification() == "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6");
    BOOST_TEST(r.software_version() == "OpenSSH_9.2p1");
}

BOOST_AUTO_TEST_CASE(accepts_lf_alone_1_99_and_empty_software) {
    for (std::string line : {"SSH-2.0-dropbear\n", "SSH-1.99-Cisco-1.25\r\n", "SSH-2.0-\r\n"}) {
        identification_reader r{true};
        const auto o = feed_bytewise(r, line);
        BOOST_TEST(!o.ec, line << ": " << o.ec.message());
        BOOST_TEST(r.done(), line);
    }
}

BOOST_AUTO_TEST_CASE(client_skips_up_to_1024_pre_banner_lines) {
    std::string text;
    for (int i = 0; i < 1024; ++i)
        text += "Welcome, line " + std::to_string(i) + "\r\n";
    text += "SSH-2.0-x\r\n";
    identification_reader r{true};
    auto o = feed_all(r, text);
    BOOST_TEST(!o.ec, o.ec.message());
    BOOST_TEST(r.done());
    BOOST_TEST(r.pre_lines() == 1024u);

    identification_reader too_many{true};
    o = feed_all(too_many, "one more\r\n" + text);
    BOOST_TEST((o.ec == errc::too_many_banner_lines));
    BOOST_TEST(!too_many.done());
}

BOOST_AUTO_TEST_CASE(server_refuses_anything_but_ssh_first_and_fast) {
    identification_reader r{false};
    const auto o = feed_all(r, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST((o.ec == errc::not_ssh));
    BOOST_TEST(o.used <= 4u); // decided on the first four bytes
}

BOOST_AUTO_TEST_CASE(refuses_ssh1_nul_control_bytes_and_long_lines) {
    struct bad {
        std::string text;
        errc expected;
    };
    const bad cases[] = {
        {"SSH-1.5-old\r\n", errc::protocol_version_mismatch},
        {"SSH-3.0-future\r\n", errc::protocol_version_mismatch},
        {std::string("SSH-2.0-a\0b\r\n", 13), errc::banner_invalid},
        {std::string("pre\0line\r\nSSH-2.0-x\r\n", 21), errc::banner_invalid},
        {"SSH-2.0-a\x01"
         "b\r\n",
         errc::banner_invalid},
        {"SSH-2.0-" + std::string(250, 'a') + "\r\n", errc::banner_too_long},
        {"SSH-2.0-" + std::string(8000, 'a'), errc::banner_too_long},
        {std::string(9000, 'x'), errc::banner_too_long},
    };
    for (const auto& c : cases) {
        identification_reader r{true};
        const auto o = feed_bytewise(r, c.text);
        BOOST_TEST((o.ec == c.expected), c.text.substr(0, 20) << ": got " << o.ec.message());
        BOOST_TEST(!r.done());
        // Never buffers more than the longest allowed line.
        BOOST_TEST(o.used <= identification_reader::max_pre_line_length + 1);
    }
}

BOOST_AUTO_TEST_CASE(longest_legal_line_is_accepted) {
    // 255 bytes including CR LF (RFC 4253 §4.2).
    const std::string line = "SSH-2.0-" + std::string(255 - 8 - 2, 'v') + "\r\n";
    BOOST_REQUIRE(line.size() == 255u);
    identification_reader r{true};
    const auto o = feed_all(r, line);
    BOOST_TEST(!o.ec, o.ec.message());
    BOOST_TEST(r.done());
}

BOOST_AUTO_TEST_SUITE_END()
