#include "messages.hpp"

#include <ssh/crypto/bytes.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

namespace ssh::auth::detail {
namespace {

constexpr std::string_view publickey_name = "publickey";
constexpr std::string_view password_name = "password";
constexpr std::string_view keyboard_interactive_name = "keyboard-interactive";

// Names of algorithms and methods are short (RFC 4251 §6: at most 64 characters).
constexpr std::size_t max_name_length = 64;
// Language tags (RFC 3066) are short too; we read and ignore them.
constexpr std::size_t max_language_length = 256;

constexpr std::size_t string_size(std::size_t n) {
    return 4 + n;
}

// byte 50, string user, string "ssh-connection", string method (RFC 4252 §5).
void write_request_header(wire::writer& w, std::string_view user, std::string_view method) {
    w.byte(wire::number(wire::msg::userauth_request));
    w.string(user);
    w.string(connection_service);
    w.string(method);
}

constexpr std::size_t request_header_size(std::string_view user, std::string_view method) {
    return 1 + string_size(user.size()) + string_size(connection_service.size()) +
           string_size(method.size());
}

errc result_of(const wire::reader& r) {
    return r.failed() ? errc::bad_message : errc{};
}

} // namespace

wiped_payload::~wiped_payload() {
    crypto::secure_wipe(bytes_.data(), bytes_.size());
}

payload encode_service_request() {
    wire::writer w;
    w.byte(wire::number(wire::msg::service_request));
    w.string(userauth_service);
    return w.take();
}

payload encode_none_request(std::string_view user) {
    wire::writer w;
    write_request_header(w, user, "none");
    return w.take();
}

payload encode_publickey_request(std::string_view user, bool has_signature, std::string_view alg,
                                 wire::bytes_view blob) {
    wire::writer w;
    write_request_header(w, user, publickey_name);
    w.boolean(has_signature);
    w.string(alg);
    w.string(blob);
    return w.take();
}

payload publickey_signed_data(wire::bytes_view session_id, wire::bytes_view request) {
    wire::writer w;
    w.string(session_id);
    w.raw(request);
    return w.take();
}

payload append_signature(payload request, wire::bytes_view signature) {
    wire::writer w{std::move(request)};
    w.string(signature);
    return w.take();
}

wiped_payload encode_password_request(std::string_view user, const secret& password) {
    payload buf;
    buf.reserve(request_header_size(user, password_name) + 1 + string_size(password.size()));
    wire::writer w{std::move(buf)};
    write_request_header(w, user, password_name);
    w.boolean(false); // not a password change (RFC 4252 §8)
    w.string(password.view());
    return wiped_payload{w.take()};
}

payload encode_keyboard_interactive_request(std::string_view user) {
    wire::writer w;
    write_request_header(w, user, keyboard_interactive_name);
    w.string(std::string_view{}); // language tag, deprecated (RFC 4256 §3.1)
    w.string(std::string_view{}); // submethods: let the server choose
    return w.take();
}

wiped_payload encode_info_response(const std::vector<secret>& answers) {
    std::size_t size = 1 + 4;
    for (const auto& a : answers)
        size += string_size(a.size());
    payload buf;
    buf.reserve(size);
    wire::writer w{std::move(buf)};
    w.byte(wire::number(wire::userauth_info_response));
    w.uint32(static_cast<std::uint32_t>(answers.size()));
    for (const auto& a : answers)
        w.string(a.view());
    return wiped_payload{w.take()};
}

errc parse_service_accept(wire::bytes_view payload, std::optional<std::string_view>& service) {
    wire::reader r{payload};
    r.byte();
    service.reset();
    if (r.remaining() == 0)
        return errc{};
    service = r.text(max_name_length);
    r.expect_end();
    return result_of(r);
}

errc parse_failure(wire::bytes_view payload, failure_message& out) {
    wire::reader r{payload};
    r.byte();
    const auto names = r.name_list(wire::limits::max_name_list_length);
    out.partial_success = r.boolean();
    r.expect_end();
    if (r.failed())
        return errc::bad_message;
    out.can_continue.assign(names.begin(), names.end());
    return errc{};
}

errc parse_success(wire::bytes_view payload) {
    wire::reader r{payload};
    r.byte();
    r.expect_end();
    return result_of(r);
}

errc parse_text_message(wire::bytes_view payload, text_message& out) {
    wire::reader r{payload};
    r.byte();
    out.text = r.text(wire::limits::max_string_length);
    out.language = r.text(max_language_length);
    r.expect_end();
    return result_of(r);
}

errc parse_pk_ok(wire::bytes_view payload, pk_ok_message& out) {
    wire::reader r{payload};
    r.byte();
    out.algorithm = r.text(max_name_length);
    out.blob = r.string(wire::limits::max_key_blob_length);
    r.expect_end();
    return result_of(r);
}

errc parse_info_request(wire::bytes_view payload, std::size_t max_prompts, std::size_t max_text,
                        info_request& out) {
    wire::reader r{payload};
    std::size_t budget = max_text;
    // A declared length above what is left of the text budget is too_many_prompts; any
    // other failure is a malformed message.
    auto text = [&](std::string_view& field) {
        field = r.text(budget);
        budget -= field.size();
        return r.code() == wire::errc::length_exceeds_limit ? errc::too_many_prompts
               : r.failed()                                 ? errc::bad_message
                                                            : errc{};
    };
    r.byte();
    if (const auto e = text(out.name); e != errc{})
        return e;
    if (const auto e = text(out.instruction); e != errc{})
        return e;
    r.text(max_language_length); // deprecated (RFC 4256 §3.2)
    const std::uint32_t count = r.uint32();
    if (r.failed())
        return errc::bad_message;
    if (count > max_prompts)
        return errc::too_many_prompts;
    out.prompts.clear();
    out.prompts.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        info_request::raw_prompt p;
        if (const auto e = text(p.text); e != errc{})
            return e;
        p.echo = r.boolean();
        if (r.failed())
            return errc::bad_message;
        out.prompts.push_back(p);
    }
    r.expect_end();
    return result_of(r);
}

// ---- What the server sends ----

payload encode_service_accept() {
    wire::writer w;
    w.byte(wire::number(wire::msg::service_accept));
    w.string(userauth_service);
    return w.take();
}

payload encode_failure(std::span<const std::string_view> can_continue, bool partial_success) {
    wire::writer w;
    w.byte(wire::number(wire::msg::userauth_failure));
    w.name_list(can_continue);
    w.boolean(partial_success);
    return w.take();
}

payload encode_success() {
    return payload{wire::number(wire::msg::userauth_success)};
}

payload encode_banner(std::string_view text, std::string_view language) {
    wire::writer w;
    w.byte(wire::number(wire::msg::userauth_banner));
    w.string(text);
    w.string(language);
    return w.take();
}

payload encode_pk_ok(std::string_view alg, wire::bytes_view blob) {
    wire::writer w;
    w.byte(wire::number(wire::userauth_pk_ok));
    w.string(alg);
    w.string(blob);
    return w.take();
}

payload encode_info_request(std::string_view name, std::string_view instruction,
                            std::span<const prompt> prompts) {
    wire::writer w;
    w.byte(wire::number(wire::userauth_info_request));
    w.string(name);
    w.string(instruction);
    w.string(std::string_view{}); // language tag, deprecated (RFC 4256 §3.2)
    w.uint32(static_cast<std::uint32_t>(prompts.size()));
    for (const auto& p : prompts) {
        w.string(p.text);
        w.boolean(p.echo);
    }
    return w.take();
}

// ---- What the client sends ----

errc parse_service_request(wire::bytes_view payload, std::string_view& service) {
    wire::reader r{payload};
    r.byte();
    service = r.text(max_name_length);
    r.expect_end();
    return result_of(r);
}

errc parse_request_header(wire::bytes_view payload, request_header& out) {
    wire::reader r{payload};
    r.byte();
    out.user = r.text(wire::limits::max_string_length);
    out.service = r.text(max_name_length);
    out.method = r.text(max_name_length);
    out.fields_offset = r.offset();
    return result_of(r);
}

errc parse_publickey_request(wire::bytes_view payload, const request_header& header,
                             publickey_request& out) {
    wire::reader r{payload.subspan(header.fields_offset)};
    out.has_signature = r.boolean();
    out.algorithm = r.text(max_name_length);
    out.blob = r.string(wire::limits::max_key_blob_length);
    out.signed_size = header.fields_offset + r.offset();
    out.signature = {};
    if (out.has_signature)
        out.signature = r.string(wire::limits::max_signature_length);
    r.expect_end();
    return result_of(r);
}

errc parse_password_request(wire::bytes_view payload, const request_header& header,
                            password_request& out) {
    wire::reader r{payload.subspan(header.fields_offset)};
    out.change = r.boolean();
    out.password = r.text(wire::limits::max_string_length);
    if (out.change)
        r.text(wire::limits::max_string_length); // the new password, never used
    r.expect_end();
    return result_of(r);
}

errc parse_keyboard_interactive_request(wire::bytes_view payload, const request_header& header,
                                        std::string_view& submethods) {
    wire::reader r{payload.subspan(header.fields_offset)};
    r.text(max_language_length); // deprecated (RFC 4256 §3.1)
    submethods = r.text(wire::limits::max_name_list_length);
    r.expect_end();
    return result_of(r);
}

errc parse_info_response(wire::bytes_view payload, std::size_t expected,
                         std::vector<std::string_view>& responses) {
    wire::reader r{payload};
    r.byte();
    const std::uint32_t count = r.uint32();
    if (r.failed() || count != expected)
        return errc::bad_message;
    responses.clear();
    responses.reserve(count);
    for (std::uint32_t i = 0; i < count && !r.failed(); ++i)
        responses.push_back(r.text(wire::limits::max_string_length));
    r.expect_end();
    return result_of(r);
}

} // namespace ssh::auth::detail
