#include "auth_test_support.hpp"

#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <stdexcept>

namespace auth_test {
namespace {

using ssh::wire::reader;
using ssh::wire::writer;

std::shared_ptr<const ssh::crypto::private_key>
make_key(ssh::crypto::key_type type, std::uint64_t seed, std::size_t bits = 3072) {
    auto rng = ssh::crypto::make_deterministic_random(seed);
    boost::system::error_code ec;
    auto key = ssh::crypto::private_key::generate(type, *rng, ec, bits);
    if (!key)
        throw std::runtime_error("key generation failed: " + ec.message());
    return std::make_shared<const ssh::crypto::private_key>(std::move(*key));
}

std::string str(ssh::wire::bytes_view b) {
    return {b.begin(), b.end()};
}

} // namespace

const test_keys& keys() {
    static const test_keys k{
        make_key(ssh::crypto::key_type::ed25519, 1),
        make_key(ssh::crypto::key_type::ecdsa_nistp256, 2),
        make_key(ssh::crypto::key_type::rsa, 3, 2048),
        make_key(ssh::crypto::key_type::ed25519, 4),
    };
    return k;
}

const bytes& session_id() {
    static const bytes id = [] {
        bytes b(32);
        for (std::size_t i = 0; i < b.size(); ++i)
            b[i] = static_cast<std::uint8_t>(0xA0 + i);
        return b;
    }();
    return id;
}

bytes service_accept(std::string_view service) {
    writer w;
    w.byte(6);
    w.string(service);
    return w.take();
}

bytes failure(std::vector<std::string_view> methods, bool partial) {
    writer w;
    w.byte(51);
    w.name_list(methods);
    w.boolean(partial);
    return w.take();
}

bytes success() {
    return {52};
}

bytes banner(std::string_view message, std::string_view language) {
    writer w;
    w.byte(53);
    w.string(message);
    w.string(language);
    return w.take();
}

bytes pk_ok(std::string_view alg, ssh::wire::bytes_view blob) {
    writer w;
    w.byte(60);
    w.string(alg);
    w.string(blob);
    return w.take();
}

bytes passwd_changereq(std::string_view prompt) {
    writer w;
    w.byte(60);
    w.string(prompt);
    w.string("en");
    return w.take();
}

bytes info_request(std::string_view name, std::string_view instruction,
                   const std::vector<test_prompt>& prompts) {
    writer w;
    w.byte(60);
    w.string(name);
    w.string(instruction);
    w.string(std::string_view{});
    w.uint32(static_cast<std::uint32_t>(prompts.size()));
    for (const auto& p : prompts) {
        w.string(p.text);
        w.boolean(p.echo);
    }
    return w.take();
}

bytes info_request_header_only(std::uint32_t declared) {
    writer w;
    w.byte(60);
    w.string(std::string_view{});
    w.string(std::string_view{});
    w.string(std::string_view{});
    w.uint32(declared);
    return w.take();
}

request parse_request(ssh::wire::bytes_view payload) {
    reader r{payload};
    request q;
    BOOST_REQUIRE_EQUAL(r.byte(), 50);
    q.user = r.text(4096);
    q.service = r.text(64);
    q.method = r.text(64);
    if (q.method == "publickey") {
        q.has_signature = r.boolean();
        q.algorithm = r.text(64);
        const auto blob = r.string(ssh::wire::limits::max_key_blob_length);
        q.blob.assign(blob.begin(), blob.end());
        if (q.has_signature) {
            const auto sig = r.string(ssh::wire::limits::max_signature_length);
            q.signature.assign(sig.begin(), sig.end());
        }
    } else if (q.method == "password") {
        q.change = r.boolean();
        q.password = r.text(4096);
    } else if (q.method == "keyboard-interactive") {
        q.language = r.text(64);
        q.submethods = r.text(64);
    }
    r.expect_end();
    BOOST_REQUIRE(!r.failed());
    return q;
}

std::vector<std::string> parse_info_response(ssh::wire::bytes_view payload) {
    reader r{payload};
    BOOST_REQUIRE_EQUAL(r.byte(), 61);
    const auto n = r.uint32();
    std::vector<std::string> out;
    for (std::uint32_t i = 0; i < n && !r.failed(); ++i)
        out.push_back(str(r.string(4096)));
    r.expect_end();
    BOOST_REQUIRE(!r.failed());
    return out;
}

bytes signed_data(std::string_view user, std::string_view alg, ssh::wire::bytes_view blob) {
    writer w;
    w.string(session_id());
    w.byte(50);
    w.string(user);
    w.string("ssh-connection");
    w.string("publickey");
    w.boolean(true);
    w.string(alg);
    w.string(blob);
    return w.take();
}

harness::harness(ssh::auth::client_auth_config config)
    : rng{ssh::crypto::make_deterministic_random(7)}
    , auth{sink, std::move(config), *rng} {}

void harness::begin(const std::vector<std::string>& server_sig_algs) {
    boost::system::error_code ec;
    auth.start(session_id(), server_sig_algs, ec);
    BOOST_REQUIRE(!ec);
    BOOST_REQUIRE_EQUAL(sink.sent.size(), 1u);
    BOOST_REQUIRE(!feed(service_accept()));
    BOOST_REQUIRE_EQUAL(sink.sent.size(), 2u);
    BOOST_REQUIRE_EQUAL(last_request().method, "none");
}

boost::system::error_code harness::feed(const bytes& payload) {
    boost::system::error_code ec;
    auth.handle(payload, ec);
    return ec;
}

std::vector<ssh::auth::auth_event> harness::events() {
    std::vector<ssh::auth::auth_event> out;
    while (auto e = auth.next_event())
        out.push_back(std::move(*e));
    return out;
}

const bytes& harness::last_sent() const {
    BOOST_REQUIRE(!sink.sent.empty());
    return sink.sent.back();
}

ssh::auth::client_auth_config config_with_password(std::string_view password) {
    ssh::auth::client_auth_config c;
    c.user = "admin";
    c.password = ssh::auth::secret{password};
    return c;
}

} // namespace auth_test
