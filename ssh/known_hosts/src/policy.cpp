#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/policy.hpp>

#include <algorithm>

namespace ssh::known_hosts {
namespace {

std::string at(const location& l) {
    return l.file + ":" + std::to_string(l.line);
}

std::string offered(const lookup_result& r) {
    return r.offered_type + " key " + r.offered_fingerprint;
}

std::string mismatch_message(const lookup_result& r) {
    return "HOST KEY CHANGED for '" + r.host_name + "': the server offered the " + offered(r) +
           ", but " + at(r.where) + " records the " + r.known_type + " key " + r.known_fingerprint +
           " for this host. Someone may be intercepting the connection "
           "(man-in-the-middle), or the host's key was replaced. Connection refused before "
           "authentication. If the new key is genuine, remove the old line (ssh-keygen -R '" +
           r.host_name + "' -f " + r.where.file + ") and connect again.";
}

std::string revoked_message(const lookup_result& r) {
    return "REVOKED HOST KEY for '" + r.host_name + "': the server offered the " + offered(r) +
           ", which " + at(r.where) +
           " marks as @revoked. Connection refused before authentication.";
}

std::string other_types(const lookup_result& r) {
    if (r.known_types.empty())
        return {};
    std::string s = " Keys of other types are known for this host:";
    for (const auto& t : r.known_types)
        s += " " + t;
    return s + ".";
}

std::string unknown_fact(const lookup_result& r) {
    return "host '" + r.host_name + "' is not in known_hosts; it offered the " + offered(r) + "." +
           other_types(r);
}

decision refuse(errc e, std::string message) {
    return {action::reject, make_error_code(e), std::move(message)};
}

decision decide_unknown(const lookup_result& r, policy p) {
    if (p == policy::strict)
        return refuse(errc::host_key_unknown,
                      "Unknown host key: " + unknown_fact(r) +
                          " Strict host key checking refuses new hosts; add the key to "
                          "known_hosts or use accept-new.");
    if (!r.complete)
        return refuse(errc::incomplete_database,
                      "Unknown host key: " + unknown_fact(r) +
                          " A known_hosts file could not be read in full, so the host may "
                          "be known with another key; refusing to treat it as new.");
    switch (p) {
    case policy::accept_new:
    case policy::auto_add:
        return {action::add_and_accept,
                {},
                "Warning: adding the " + offered(r) + " of host '" + r.host_name +
                    "' to known_hosts." + other_types(r)};
    case policy::ask:
        return {action::needs_decision,
                {},
                "The authenticity of host '" + r.host_name +
                    "' cannot be established: it offered the " + offered(r) + "." + other_types(r) +
                    " Accept this key and continue?"};
    case policy::off:
        return {action::accept,
                {},
                "Warning: accepting the unverified " + offered(r) + " of host '" + r.host_name +
                    "' without adding it to known_hosts." + other_types(r)};
    case policy::strict:
        break;
    }
    return refuse(errc::host_key_unknown, "Unknown host key: " + unknown_fact(r));
}

} // namespace

decision decide(const lookup_result& r, policy p) {
    switch (r.what) {
    case status::match:
        return {action::accept, {}, {}};
    case status::revoked:
        return refuse(errc::host_key_revoked, revoked_message(r));
    case status::mismatch:
        return refuse(errc::host_key_mismatch, mismatch_message(r));
    case status::unknown:
        return decide_unknown(r, p);
    }
    return refuse(errc::host_key_unknown, "Unknown host key: " + unknown_fact(r));
}

std::optional<policy> parse_policy(std::string_view text) {
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (t == "yes" || t == "strict")
        return policy::strict;
    if (t == "accept-new" || t == "accept_new")
        return policy::accept_new;
    if (t == "auto-add" || t == "auto_add")
        return policy::auto_add;
    if (t == "ask")
        return policy::ask;
    if (t == "no" || t == "off")
        return policy::off;
    return std::nullopt;
}

} // namespace ssh::known_hosts
