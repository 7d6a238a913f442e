// Protocol rules of the client transport (ssh-conformance.md §3.1-3.4, 3.8, 3.9, 3.11;
// bad-input.md A-C), sans-io: a scripted server (transport_test_peer.hpp) writes crafted
// bytes, and the tests read back what the client queued.

#include "transport_test_peer.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace transport_test;
namespace tt = boost::test_tools;
using tr::errc;

namespace {

boost::system::error_code error(errc e) {
    return tr::make_error_code(e);
}

bytes msg(std::initializer_list<std::uint8_t> b) {
    return bytes(b);
}

const crypto::private_key& host_key() {
    return test_key(crypto::key_type::ed25519, 11);
}
const crypto::private_key& other_key() {
    return test_key(crypto::key_type::ed25519, 12);
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A client transport and the scripted server in front of it.
struct client {
    std::unique_ptr<crypto::random_source> rng = crypto::make_deterministic_random(1000);
    tr::transport t{client_config(), *rng};
    peer s{7};
    boost::system::error_code ec;
    std::vector<bytes> sent; // every payload the client sent so far

    // Delivers what the server queued; returns the client's answer.
    std::vector<bytes> step() {
        ec = s.deliver(t);
        auto got = s.receive(t);
        sent.insert(sent.end(), got.begin(), got.end());
        return got;
    }

    // Identification and KEXINIT from the server; returns the client's KEX_ECDH_INIT.
    bytes start_kex(bool strict = false) {
        s.ident();
        s.kexinit(server_lists(strict));
        const auto got = step();
        BOOST_REQUIRE(!ec);
        BOOST_REQUIRE(types_of(got) == (std::vector<int>{20, 30}));
        return got[1];
    }

    // The initial exchange up to the host key verdict.
    void reach_verdict(bool strict = false) {
        const auto init = start_kex(strict);
        s.packet(s.ecdh_reply(host_key(), init));
        const auto got = step();
        BOOST_REQUIRE(!ec);
        BOOST_REQUIRE(got.empty());
        BOOST_REQUIRE(t.host_key_to_check() != nullptr);
    }

    // The whole initial exchange: both NEWKEYS, keys switched in both directions.
    void complete(bool strict = false) {
        reach_verdict(strict);
        s.expect_client_newkeys(*t.algorithms(), strict);
        t.accept_host_key();
        BOOST_REQUIRE(types_of(step()) == std::vector<int>{21});
        s.send_newkeys(*t.algorithms(), strict);
        const auto got = step();
        BOOST_REQUIRE(!ec);
        BOOST_REQUIRE(got.empty());
        BOOST_REQUIRE(t.secure());
        BOOST_REQUIRE(t.strict_kex() == strict);
    }

    // What the client sent after the first `n` payloads.
    std::vector<bytes> sent_after(std::size_t n) const {
        return n < sent.size()
                   ? std::vector<bytes>(sent.begin() + static_cast<std::ptrdiff_t>(n), sent.end())
                   : std::vector<bytes>{};
    }

    // The client's last payload is a DISCONNECT with `reason`.
    void expect_disconnect(std::uint32_t reason) const {
        BOOST_REQUIRE(!sent.empty());
        const auto d = parse_disconnect(sent.back());
        BOOST_REQUIRE(d.has_value());
        BOOST_TEST(d->reason == reason);
        BOOST_TEST(t.finished());
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(transport_rules)

// --- §3.1, §3.4, §3.8, §3.9: what the client sends first -------------------------------

BOOST_FIXTURE_TEST_CASE(client_sends_identification_and_kexinit_at_once, client) {
    const auto out = t.pending_output();
    const std::string expected_line = "SSH-2.0-fleetsh_0.1\r\n";
    BOOST_REQUIRE(out.size() > expected_line.size());
    BOOST_TEST(std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(
                                                          expected_line.size())) == expected_line);

    const auto got = step(); // nothing from the server yet
    BOOST_TEST(s.client_identification().value_or("") == "SSH-2.0-fleetsh_0.1");
    BOOST_REQUIRE(types_of(got) == std::vector<int>{20});
    const auto k = tr::parse_kexinit(got[0], ec);
    BOOST_REQUIRE(!ec);
    const auto& kex = k.lists.kex;
    BOOST_REQUIRE(kex.size() >= 2);
    BOOST_TEST(kex[kex.size() - 2] == crypto::ext_info_c);
    BOOST_TEST(kex.back() == crypto::kex_strict_c);
    const tr::name_list methods(kex.begin(), kex.end() - 2);
    BOOST_TEST(methods == tr::default_client_offer().kex, tt::per_element());
    BOOST_TEST(!k.first_kex_packet_follows);
    BOOST_TEST(!contains(k.lists.kex, crypto::ext_info_s));
    BOOST_TEST(!contains(k.lists.kex, crypto::kex_strict_s));
}

BOOST_FIXTURE_TEST_CASE(rekey_kexinit_carries_no_pseudo_algorithms, client) {
    complete();
    t.start_rekey();
    const auto got = step();
    BOOST_REQUIRE(s.receive_error() == boost::system::error_code{});
    BOOST_REQUIRE(types_of(got) == std::vector<int>{20});
    const auto k = tr::parse_kexinit(got[0], ec);
    BOOST_REQUIRE(!ec);
    BOOST_TEST(k.lists.kex == tr::default_client_offer().kex, tt::per_element());
}

// A rekey started by the server: the client answers with a KEXINIT without the pseudo
// algorithms, ignores kex-strict-s in it (strict mode is decided by the first KEXINIT only),
// keeps the session id, and needs no new verdict for the same host key. Sequence numbers
// run on across the rekey without strict KEX and restart at every NEWKEYS with it (§3.3,
// §3.8 c); the UNIMPLEMENTED reply at the end carries the server's sequence number.
BOOST_AUTO_TEST_CASE(server_started_rekey) {
    for (const bool strict : {false, true}) {
        BOOST_TEST_CONTEXT("strict " << strict) {
            client c;
            c.complete(strict);
            const auto session = c.t.session_id();
            c.s.kexinit(server_lists(/*strict=*/true)); // sealed with the server's keys
            auto got = c.step();
            BOOST_REQUIRE(!c.ec);
            BOOST_REQUIRE(types_of(got) == (std::vector<int>{20, 30}));
            const auto k = tr::parse_kexinit(got[0], c.ec);
            BOOST_REQUIRE(!c.ec);
            BOOST_TEST(k.lists.kex == tr::default_client_offer().kex, tt::per_element());
            BOOST_TEST(c.t.strict_kex() == strict);

            c.s.packet(c.s.ecdh_reply(host_key(), got[1]));
            c.s.expect_client_newkeys(*c.t.algorithms(), strict);
            got = c.step();
            BOOST_REQUIRE(!c.ec);
            BOOST_TEST(c.t.host_key_to_check() == nullptr);
            BOOST_TEST(types_of(got) == std::vector<int>{21}, tt::per_element());
            BOOST_TEST(c.t.session_id() == session, tt::per_element());

            c.s.send_newkeys(*c.t.algorithms(), strict);
            c.s.packet(msg({15}));
            got = c.step();
            BOOST_TEST(!c.ec);
            BOOST_TEST(c.s.receive_error() == boost::system::error_code{});
            BOOST_REQUIRE(types_of(got) == std::vector<int>{3});
            wire::reader r{got[0]};
            r.byte();
            // Server: KEXINIT 0, reply 1, NEWKEYS 2, KEXINIT 3, reply 4, NEWKEYS 5, unknown 6;
            // strict restarts after each NEWKEYS: KEXINIT 0, reply 1, NEWKEYS 2, unknown 0.
            BOOST_TEST(r.uint32() == (strict ? 0u : 6u));
            // Client: KEXINIT 0, ECDH_INIT 1, NEWKEYS 2, KEXINIT 3, ECDH_INIT 4, NEWKEYS 5,
            // UNIMPLEMENTED 6; strict: ... NEWKEYS 2, UNIMPLEMENTED 0.
            BOOST_TEST(c.s.client_sequence() == (strict ? 0u : 6u));
            BOOST_TEST(c.t.secure());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(rekey_with_another_host_key_is_refused, client) {
    complete();
    s.kexinit(server_lists());
    auto got = step();
    BOOST_REQUIRE(types_of(got) == (std::vector<int>{20, 30}));
    s.packet(s.ecdh_reply(other_key(), got[1]));
    got = step();
    BOOST_TEST(ec == error(errc::host_key_rejected));
    BOOST_TEST(types_of(got) == std::vector<int>{1}, tt::per_element()); // no NEWKEYS
    expect_disconnect(9);
}

// --- §3.1, bad-input A: the server's identification ------------------------------------

BOOST_FIXTURE_TEST_CASE(lines_before_the_identification_are_skipped, client) {
    s.text("Welcome to the jungle\r\n");
    s.text("SSHx this line only looks like one\n");
    s.ident();
    s.kexinit(server_lists());
    step();
    BOOST_TEST(!ec);
    BOOST_TEST(t.peer_identification() == server_identification);
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 30}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(other_accepted_identification_forms) {
    for (const std::string line : {"SSH-1.99-Compat\r\n", "SSH-2.0-LfOnly\n", "SSH-2.0\r\n"}) {
        BOOST_TEST_CONTEXT("line " << line) {
            client c;
            c.s.text(line);
            c.s.kexinit(server_lists());
            c.step();
            BOOST_TEST(!c.ec);
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 30}), tt::per_element());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(ssh_1_5_is_a_version_mismatch, client) {
    s.text("SSH-1.5-OldServer\r\n");
    s.kexinit(server_lists());
    step();
    BOOST_TEST(ec == error(errc::protocol_version_mismatch));
    BOOST_TEST(t.finished());
    BOOST_TEST(types_of(sent) == std::vector<int>{20}, tt::per_element()); // no kex started
}

BOOST_FIXTURE_TEST_CASE(nul_in_the_identification_is_invalid, client) {
    using namespace std::string_view_literals;
    s.text("SSH-2.0-Bad\0Server\r\n"sv);
    s.kexinit(server_lists());
    step();
    BOOST_TEST(ec == error(errc::banner_invalid));
    BOOST_TEST(t.finished());
    BOOST_TEST(types_of(sent) == std::vector<int>{20}, tt::per_element());
}

// --- §3.2, bad-input B 11, C 25: packets and KEXINITs that do not parse ---------------------

BOOST_AUTO_TEST_CASE(impossible_packet_lengths_disconnect) {
    const std::vector<std::pair<bytes, errc>> cases = {
        {{0xff, 0xff, 0xff, 0xff}, errc::packet_too_large},
        {{0x00, 0x04, 0x00, 0x01}, errc::packet_too_large}, // 256 KiB + 1
        {{0x00, 0x00, 0x00, 0x00}, errc::bad_packet_length},
        {{0x00, 0x00, 0x00, 0x04}, errc::bad_packet_length},
        {{0x00, 0x00, 0x00, 0x0d}, errc::bad_packet_length}, // 4 + 13 not a multiple of 8
    };
    for (const auto& [prefix, expected] : cases) {
        BOOST_TEST_CONTEXT("length prefix " << int(prefix[2]) << "," << int(prefix[3])) {
            client c;
            c.s.ident();
            c.s.text(std::string(prefix.begin(), prefix.end()));
            c.step();
            BOOST_TEST(c.ec == error(expected));
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 1}), tt::per_element());
            c.expect_disconnect(2);
        }
    }
}

BOOST_AUTO_TEST_CASE(malformed_kexinit_is_a_bad_message) {
    // A KEXINIT whose kex name-list is `kex_text` verbatim, optionally without its last byte.
    const auto kexinit = [](std::string_view kex_text, bool truncated) {
        wire::writer w;
        w.byte(20);
        w.raw(bytes(16, 0xcc));
        w.string(kex_text);
        const auto l = server_lists();
        for (const auto* list : {&l.host_key, &l.cipher_c2s, &l.cipher_s2c, &l.mac_c2s, &l.mac_s2c,
                                 &l.compression_c2s, &l.compression_s2c}) {
            w.string((*list)[0]);
        }
        w.string(std::string_view{});
        w.string(std::string_view{});
        w.boolean(false);
        w.uint32(0);
        auto out = w.take();
        if (truncated)
            out.pop_back();
        return out;
    };
    using namespace std::string_view_literals;
    const std::string huge(64 * 1024, 'a');
    const std::vector<std::pair<const char*, bytes>> cases = {
        {"empty name", kexinit("curve25519-sha256,,x", false)},
        {"NUL in a name", kexinit("curve25519-sha256\0x"sv, false)},
        {"64 KiB name-list", kexinit(huge, false)},
        {"reserved field cut short", kexinit("curve25519-sha256", true)},
    };
    for (const auto& [name, payload] : cases) {
        BOOST_TEST_CONTEXT(name) {
            client c;
            c.s.ident();
            c.s.packet(payload);
            c.step();
            BOOST_TEST(c.ec == error(errc::bad_message));
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 1}), tt::per_element());
            c.expect_disconnect(2);
        }
    }
}

// --- §3.8, bad-input C 20-21: strict KEX --------------------------------------------------

BOOST_FIXTURE_TEST_CASE(strict_kexinit_must_be_the_first_packet, client) {
    s.ident();
    s.packet(ignore_msg());
    s.kexinit(server_lists(/*strict=*/true));
    step();
    BOOST_TEST(ec == error(errc::strict_kex_violation));
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 1}), tt::per_element()); // no ECDH_INIT
    expect_disconnect(2);
}

BOOST_AUTO_TEST_CASE(strict_initial_kex_allows_nothing_but_kex_messages) {
    const std::vector<std::pair<const char*, bytes>> intruders = {
        {"IGNORE", ignore_msg()},
        {"DEBUG", debug_msg()},
        {"UNIMPLEMENTED", unimplemented_msg(0)},
        {"unknown 15", msg({15})},
        {"EXT_INFO", ext_info_msg("ssh-ed25519")},
    };
    for (const auto& [name, payload] : intruders) {
        BOOST_TEST_CONTEXT(name) {
            client c;
            c.s.ident();
            c.s.kexinit(server_lists(/*strict=*/true));
            c.s.packet(payload);
            c.step();
            BOOST_TEST(c.ec == error(errc::strict_kex_violation));
            // No UNIMPLEMENTED reply: a DISCONNECT and nothing else after ECDH_INIT.
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
            BOOST_TEST(c.t.server_signature_algorithms().empty());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(strict_rule_holds_until_the_servers_newkeys, client) {
    reach_verdict(/*strict=*/true);
    BOOST_TEST(t.strict_kex());
    s.expect_client_newkeys(*t.algorithms(), true);
    t.accept_host_key();
    s.packet(ignore_msg()); // after the reply, before the server's NEWKEYS
    step();
    BOOST_TEST(ec == error(errc::strict_kex_violation));
    BOOST_TEST(t.finished());
}

BOOST_FIXTURE_TEST_CASE(disconnect_during_strict_kex_is_a_disconnect, client) {
    s.ident();
    s.kexinit(server_lists(/*strict=*/true));
    s.packet(disconnect_msg(2, bytes{'b', 'y', 'e'}));
    step();
    BOOST_TEST(ec == error(errc::peer_disconnected));
    BOOST_TEST(t.diagnostics().disconnect_reason == 2u);
    BOOST_TEST(t.diagnostics().disconnect_text == "bye");
}

BOOST_AUTO_TEST_CASE(without_strict_ignore_and_debug_are_fine_around_kexinit) {
    const std::vector<std::pair<std::string, int>> methods = {
        {"curve25519-sha256", 30},                    // KEX_ECDH_INIT
        {"diffie-hellman-group-exchange-sha256", 34}, // KEX_DH_GEX_REQUEST
    };
    for (const auto& [kex, first_message] : methods) {
        BOOST_TEST_CONTEXT(kex) {
            client c;
            c.s.ident();
            c.s.packet(ignore_msg());
            c.s.kexinit(server_lists(false, kex));
            c.s.packet(ignore_msg());
            c.s.packet(debug_msg());
            c.step();
            BOOST_TEST(!c.ec);
            BOOST_TEST(!c.t.strict_kex());
            BOOST_TEST(!c.t.finished());
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, first_message}),
                       tt::per_element());
            BOOST_TEST(c.t.algorithms().has_value());
            if (c.t.algorithms())
                BOOST_TEST(c.t.algorithms()->kex == kex);
        }
    }
}

// --- §3.4, bad-input C 24: negotiation failure -------------------------------------------

BOOST_FIXTURE_TEST_CASE(no_common_cipher_names_both_lists_and_disconnects, client) {
    auto lists = server_lists();
    lists.cipher_c2s = lists.cipher_s2c = {"unknown-cipher@example.com"};
    s.ident();
    s.kexinit(lists);
    step();
    BOOST_TEST(ec == error(errc::no_common_algorithm));
    const auto& why = t.diagnostics().negotiation;
    BOOST_TEST_MESSAGE("negotiation: " << why);
    BOOST_TEST(why.find("unknown-cipher@example.com") != std::string::npos);
    for (const auto& ours : tr::default_client_offer().cipher_c2s)
        BOOST_TEST(why.find(ours) != std::string::npos, "missing " << ours);
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 1}), tt::per_element());
    expect_disconnect(3);
}

// --- §3.4, bad-input C 29: message order during the exchange -----------------------------

BOOST_FIXTURE_TEST_CASE(second_kexinit_during_the_exchange, client) {
    s.ident();
    s.kexinit(server_lists());
    s.kexinit(server_lists());
    step();
    BOOST_TEST(ec == error(errc::unexpected_message));
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
    expect_disconnect(2);
}

BOOST_FIXTURE_TEST_CASE(newkeys_before_the_kex_reply, client) {
    s.ident();
    s.kexinit(server_lists());
    s.packet(msg({21}));
    step();
    BOOST_TEST(ec == error(errc::unexpected_message));
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
    BOOST_TEST(!t.secure());
}

BOOST_AUTO_TEST_CASE(upper_layer_messages_before_the_first_newkeys) {
    for (const bool strict : {false, true}) {
        for (const std::uint8_t type : {std::uint8_t{52}, std::uint8_t{94}}) {
            BOOST_TEST_CONTEXT("strict " << strict << ", message " << int(type)) {
                client c;
                c.s.ident();
                c.s.kexinit(server_lists(strict));
                c.s.packet(msg({type, 0, 0, 0, 0}));
                c.step();
                BOOST_TEST(c.ec ==
                           error(strict ? errc::strict_kex_violation : errc::unexpected_message));
                BOOST_TEST(c.s.upper().empty());
                BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
            }
        }
    }
}

BOOST_FIXTURE_TEST_CASE(upper_layer_message_before_the_servers_kexinit, client) {
    s.ident();
    s.packet(msg({52}));
    step();
    BOOST_TEST(ec == error(errc::unexpected_message));
    BOOST_TEST(s.upper().empty());
}

BOOST_FIXTURE_TEST_CASE(upper_layer_message_between_verdict_and_servers_newkeys, client) {
    reach_verdict();
    s.expect_client_newkeys(*t.algorithms(), false);
    t.accept_host_key();
    s.packet(msg({52}));
    step();
    BOOST_TEST(ec == error(errc::unexpected_message));
    BOOST_TEST(s.upper().empty());
}

// --- §3.4: first_kex_packet_follows ------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_wrong_guess_drops_the_next_kex_packet_only) {
    auto wrong_kex = server_lists();
    wrong_kex.kex = {"diffie-hellman-group14-sha256", "curve25519-sha256"};
    auto wrong_host_key = server_lists();
    wrong_host_key.host_key = {"rsa-sha2-512", "ssh-ed25519"};
    for (const auto& [name, lists] :
         {std::pair{"kex", wrong_kex}, std::pair{"host key", wrong_host_key}}) {
        BOOST_TEST_CONTEXT("wrong " << name) {
            client c;
            c.s.ident();
            c.s.kexinit(lists, /*first_kex_follows=*/true);
            c.s.packet(msg({31})); // the guessed packet: not a valid reply
            c.step();
            BOOST_TEST(!c.ec);
            BOOST_TEST(!c.t.finished());
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 30}), tt::per_element());

            c.s.packet(msg({31})); // the next one is a reply again
            c.step();
            BOOST_TEST(c.ec == error(errc::bad_message));
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(after_a_wrong_guess_the_real_reply_is_used, client) {
    auto lists = server_lists();
    lists.kex = {"diffie-hellman-group14-sha256", "curve25519-sha256"};
    s.ident();
    s.kexinit(lists, true);
    s.packet(msg({31, 0, 0, 0, 0}));
    const auto got = step();
    BOOST_REQUIRE(types_of(got) == (std::vector<int>{20, 30}));
    s.packet(s.ecdh_reply(host_key(), got[1]));
    step();
    BOOST_TEST(!ec);
    BOOST_TEST(t.host_key_to_check() != nullptr);
}

BOOST_FIXTURE_TEST_CASE(a_right_guess_is_processed, client) {
    s.ident();
    s.kexinit(server_lists(), /*first_kex_follows=*/true);
    s.packet(msg({31}));
    step();
    BOOST_TEST(ec == error(errc::bad_message));
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
}

// --- §3.11, bad-input B 18: DISCONNECT ---------------------------------------------------

BOOST_FIXTURE_TEST_CASE(disconnect_text_is_truncated_and_sanitised, client) {
    const std::string nasty = std::string("\x1b[2J\x1b]0;pwned\x07\r\n\0\x7f\xff\x9b", 18) + "x";
    bytes description;
    while (description.size() < 100 * 1024)
        description.insert(description.end(), nasty.begin(), nasty.end());
    s.ident();
    s.kexinit(server_lists());
    s.packet(disconnect_msg(11, description));
    step();
    BOOST_TEST(ec == error(errc::peer_disconnected));
    const auto& d = t.diagnostics();
    BOOST_TEST(d.disconnect_reason == 11u);
    BOOST_TEST(!d.disconnect_text.empty());
    BOOST_TEST(d.disconnect_text.size() <= 403u);
    BOOST_TEST(std::all_of(d.disconnect_text.begin(), d.disconnect_text.end(),
                           [](char ch) { return ch >= 0x20 && ch <= 0x7e; }));
    BOOST_TEST(d.disconnect_text.find("[2J") != std::string::npos); // shown, not dropped
    BOOST_TEST(types_of(sent) == (std::vector<int>{20, 30}), tt::per_element()); // no reply
    BOOST_TEST(t.finished());
}

// --- §3.11, bad-input B 15: unknown messages ---------------------------------------------

// RFC 4253 §7.1 allows messages 1-19 (but 5 and 6) while a key exchange runs, and §11.4
// asks for UNIMPLEMENTED "in the order in which the messages were received".
// UNIMPLEMENTED is a 1-19 transport message: it is not held back with the upper layers'
// payloads during the key exchange (RFC 4253 §7.1).
BOOST_FIXTURE_TEST_CASE(unknown_message_before_newkeys_gets_unimplemented, client) {
    s.ident();
    s.kexinit(server_lists()); // seq 0
    s.packet(ignore_msg());    // seq 1
    s.packet(msg({15}));       // seq 2
    step();
    BOOST_TEST(!ec);
    BOOST_REQUIRE(types_of(sent) == (std::vector<int>{20, 30, 3}));
    wire::reader r{sent[2]};
    r.byte();
    BOOST_TEST(r.uint32() == 2u);
    r.expect_end();
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(unknown_message_after_newkeys_gets_unimplemented) {
    // Non-strict: server seq KEXINIT 0, reply 1, NEWKEYS 2, IGNORE 3, unknown 4; the client's
    // UNIMPLEMENTED is its packet 3. Strict: both counters restart at NEWKEYS.
    for (const bool strict : {false, true}) {
        BOOST_TEST_CONTEXT("strict " << strict) {
            client c;
            c.complete(strict);
            const auto before = c.sent.size();
            c.s.packet(ignore_msg());
            c.s.packet(msg({15}));
            c.step();
            BOOST_TEST(!c.ec);
            BOOST_TEST(c.s.receive_error() == boost::system::error_code{});
            const auto got = c.sent_after(before);
            BOOST_REQUIRE(types_of(got) == std::vector<int>{3});
            wire::reader r{got[0]};
            r.byte();
            BOOST_TEST(r.uint32() == (strict ? 1u : 4u));
            BOOST_TEST(c.s.client_sequence() == (strict ? 0u : 3u));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(unimplemented_from_the_server_gets_no_reply, client) {
    complete();
    const auto before = sent.size();
    s.packet(unimplemented_msg(1));
    step();
    BOOST_TEST(!ec);
    BOOST_TEST(sent_after(before).empty());
    BOOST_TEST(!t.finished());
}

// --- §3.9: EXT_INFO ----------------------------------------------------------------------

// Before NEWKEYS nothing is authenticated: an EXT_INFO there could come from anyone on the
// path. RFC 8308 §2.4 allows it only as the first packet after NEWKEYS (or just before
// USERAUTH_SUCCESS); a plaintext one must be refused or ignored, never believed.
// A plaintext EXT_INFO (before NEWKEYS) could be forged on the path to steer the RSA
// signature algorithm: it is refused (RFC 8308 §2.4 allows it only after NEWKEYS).
BOOST_FIXTURE_TEST_CASE(plaintext_ext_info_is_not_believed, client) {
    s.ident();
    s.kexinit(server_lists());
    s.packet(ext_info_msg("ssh-rsa"));
    step();
    BOOST_TEST(t.server_signature_algorithms().empty());
}

BOOST_FIXTURE_TEST_CASE(ext_info_after_newkeys_sets_server_sig_algs, client) {
    complete();
    s.packet(ext_info_msg("ssh-ed25519,rsa-sha2-512"));
    step();
    BOOST_TEST(!ec);
    BOOST_TEST(t.server_signature_algorithms() == (tr::name_list{"ssh-ed25519", "rsa-sha2-512"}),
               tt::per_element());
}

// --- §3.5, bad-input C 27-28: the KEX_ECDH_REPLY -----------------------------------------

BOOST_AUTO_TEST_CASE(malformed_ecdh_replies_fail_and_only_disconnect_follows) {
    struct fault {
        const char* name;
        std::function<bytes(peer&, const bytes& init)> reply;
        errc expected;
    };
    const auto raw_reply = [](wire::bytes_view q_s) {
        return [q = bytes(q_s.begin(), q_s.end())](peer& s, const bytes& init) {
            auto honest = s.ecdh_reply(host_key(), init);
            wire::reader r{honest};
            r.byte();
            const auto blob = r.string(wire::limits::max_key_blob_length);
            r.string(wire::limits::max_ec_point_bytes);
            const auto sig = r.string(wire::limits::max_signature_length);
            wire::writer w;
            w.byte(31);
            w.string(blob);
            w.string(q);
            w.string(sig);
            return w.take();
        };
    };
    const std::vector<fault> faults = {
        {"truncated",
         [](peer& s, const bytes& init) {
             auto r = s.ecdh_reply(host_key(), init);
             // erase, not resize: GCC at -O1 cannot see that a shrink never grows the vector.
             r.erase(r.end() - 5, r.end());
             return r;
         },
         errc::bad_message},
        {"tiny",
         [](peer&, const bytes&) {
             return msg({31, 0, 0, 0, 10, 'a'});
         },
         errc::bad_message},
        {"Q_S of 31 bytes", raw_reply(bytes(31, 9)), errc::kex_failed},
        {"Q_S all zero", raw_reply(bytes(32, 0)), errc::kex_failed},
        {"signed by another key",
         [](peer& s, const bytes& init) {
             reply_faults f;
             f.signer = &other_key();
             return s.ecdh_reply(host_key(), init, f);
         },
         errc::host_key_signature_invalid},
        {"signature over something else",
         [](peer& s, const bytes& init) {
             reply_faults f;
             f.sign_this = bytes(32, 0x42);
             return s.ecdh_reply(host_key(), init, f);
         },
         errc::host_key_signature_invalid},
        {"ECDSA key for ssh-ed25519",
         [](peer& s, const bytes& init) {
             reply_faults f;
             f.signature_algorithm = "ecdsa-sha2-nistp256";
             return s.ecdh_reply(test_key(crypto::key_type::ecdsa_nistp256, 13), init, f);
         },
         errc::host_key_algorithm_mismatch},
    };
    for (const auto& f : faults) {
        BOOST_TEST_CONTEXT(f.name) {
            client c;
            const auto init = c.start_kex();
            c.s.packet(f.reply(c.s, init));
            c.s.packet(msg({21})); // a NEWKEYS right behind it changes nothing
            c.step();
            BOOST_TEST(c.ec == error(f.expected));
            BOOST_TEST(c.t.host_key_to_check() == nullptr);
            BOOST_TEST(types_of(c.sent) == (std::vector<int>{20, 30, 1}), tt::per_element());
            c.expect_disconnect(3);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(valid_reply_offers_the_host_key_and_waits, client) {
    const auto init = start_kex();
    s.packet(s.ecdh_reply(host_key(), init));
    s.packet(msg({21})); // the server's NEWKEYS, already on its way
    auto got = step();
    BOOST_TEST(!ec);
    BOOST_TEST(got.empty());
    const auto* offer = t.host_key_to_check();
    BOOST_REQUIRE(offer != nullptr);
    const auto& key = host_key().public_key();
    BOOST_TEST(offer->fingerprint == key.fingerprint_sha256());
    BOOST_TEST(offer->algorithm == "ssh-ed25519");
    BOOST_TEST(offer->key_type == "ssh-ed25519");
    BOOST_TEST(offer->blob == bytes(key.blob().begin(), key.blob().end()), tt::per_element());
    BOOST_TEST(s.undelivered() > 0u); // the NEWKEYS waits for the verdict

    // More input, the timer, an upper-layer send: still nothing goes out.
    got = step();
    t.on_timer(tr::clock::now());
    t.send(msg({5, 0, 0, 0, 0}));
    got = s.receive(t);
    BOOST_TEST(got.empty());
    BOOST_TEST(!t.secure());

    s.expect_client_newkeys(*t.algorithms(), false);
    t.accept_host_key();
    BOOST_TEST(t.host_key_to_check() == nullptr);
    got = step(); // the client's NEWKEYS and its held payload; then the server's NEWKEYS
    BOOST_TEST(!ec);
    BOOST_TEST(s.receive_error() == boost::system::error_code{});
    BOOST_TEST(types_of(got) == (std::vector<int>{21, 5}), tt::per_element());
    BOOST_TEST(t.session_id() == s.exchange_hash(), tt::per_element());
    BOOST_TEST(s.undelivered() == 0u);
    BOOST_TEST(t.secure());
}

BOOST_FIXTURE_TEST_CASE(rejected_host_key_sends_only_a_disconnect, client) {
    const auto init = start_kex();
    s.packet(s.ecdh_reply(host_key(), init));
    s.packet(msg({21}));
    step();
    BOOST_REQUIRE(t.host_key_to_check() != nullptr);
    t.reject_host_key();
    t.send(msg({5, 0, 0, 0, 0}));
    const auto got = step();
    BOOST_TEST(types_of(got) == std::vector<int>{1}, tt::per_element());
    expect_disconnect(9);
    BOOST_TEST(t.host_key_to_check() == nullptr);
    BOOST_TEST(!t.secure());
}

BOOST_AUTO_TEST_SUITE_END()
