#pragma once
// Scripted sans-io harness for ssh::auth::client_auth: a recording payload_sink, builders for
// the server's messages and a decoder for the client's.

#include <ssh/auth/client_auth.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/transport/payload_sink.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Lets BOOST_TEST print `ec == errc::x` when it fails (found by ADL).
namespace ssh::auth {
inline std::ostream& operator<<(std::ostream& os, errc e) {
    return os << make_error_code(e).message();
}
} // namespace ssh::auth

namespace auth_test {

using bytes = std::vector<std::uint8_t>;

class recording_sink final : public ssh::transport::payload_sink {
public:
    void send(ssh::wire::bytes_view payload) override {
        sent.emplace_back(payload.begin(), payload.end());
    }
    std::vector<bytes> sent;
};

// Generated once per process with a deterministic random source.
struct test_keys {
    std::shared_ptr<const ssh::crypto::private_key> ed25519;
    std::shared_ptr<const ssh::crypto::private_key> ecdsa; // nistp256
    std::shared_ptr<const ssh::crypto::private_key> rsa;   // 2048 bits
    std::shared_ptr<const ssh::crypto::private_key> ed25519_b;
};
const test_keys& keys();

const bytes& session_id(); // 32 fixed bytes

// Server messages.
bytes service_accept(std::string_view service = "ssh-userauth");
bytes failure(std::vector<std::string_view> methods, bool partial = false);
bytes success();
bytes banner(std::string_view message, std::string_view language = "");
bytes pk_ok(std::string_view alg, ssh::wire::bytes_view blob);
bytes passwd_changereq(std::string_view prompt);
struct test_prompt {
    std::string text;
    bool echo = false;
};
bytes info_request(std::string_view name, std::string_view instruction,
                   const std::vector<test_prompt>& prompts);
// An INFO_REQUEST whose num-prompts says `declared` but that carries no prompt.
bytes info_request_header_only(std::uint32_t declared);

// A USERAUTH_REQUEST as the client sent it.
struct request {
    std::string user;
    std::string service;
    std::string method;
    // publickey
    bool has_signature = false;
    std::string algorithm;
    bytes blob;
    bytes signature;
    // password
    bool change = false;
    std::string password;
    // keyboard-interactive
    std::string language;
    std::string submethods;
};
request parse_request(ssh::wire::bytes_view payload); // BOOST_REQUIREs a well-formed one
std::vector<std::string> parse_info_response(ssh::wire::bytes_view payload);

// What publickey signs (RFC 4252 §7), rebuilt independently of the code under test.
bytes signed_data(std::string_view user, std::string_view alg, ssh::wire::bytes_view blob);

struct harness {
    explicit harness(ssh::auth::client_auth_config config);

    // start() and SERVICE_ACCEPT: the "none" request is then the last thing sent.
    void begin(const std::vector<std::string>& server_sig_algs = {});
    // handle(), returning the error code.
    boost::system::error_code feed(const bytes& payload);
    std::vector<ssh::auth::auth_event> events();
    const bytes& last_sent() const;
    request last_request() const { return parse_request(last_sent()); }

    recording_sink sink;
    std::unique_ptr<ssh::crypto::random_source> rng;
    ssh::auth::client_auth auth;
};

ssh::auth::client_auth_config config_with_password(std::string_view password = "hunter2");

} // namespace auth_test
