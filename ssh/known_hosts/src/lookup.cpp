#include <ssh/known_hosts/fingerprint.hpp>
#include <ssh/known_hosts/host_match.hpp>
#include <ssh/known_hosts/lookup.hpp>

#include <algorithm>

namespace ssh::known_hosts {
namespace {

bool same_key(const entry& e, host_key_ref k) {
    return e.key_type == k.type &&
           std::equal(e.key_blob.begin(), e.key_blob.end(), k.blob.begin(), k.blob.end());
}

void add_type(std::vector<std::string>& types, const std::string& t) {
    if (std::find(types.begin(), types.end(), t) == types.end())
        types.push_back(t);
}

struct hit {
    const parsed_file* file = nullptr;
    const entry* line = nullptr;
    explicit operator bool() const noexcept { return line != nullptr; }
};

} // namespace

lookup_result lookup_name(std::span<const parsed_file> files, std::string_view name,
                          host_key_ref offered, const lookup_options& opts) {
    lookup_result r;
    r.host_name = name;
    r.offered_type = offered.type;
    r.offered_fingerprint = fingerprint_sha256(offered.blob);

    hit accepted, revoked, same_type_conflict, any_conflict;
    for (const auto& f : files) {
        r.complete = r.complete && f.complete;
        for (const auto& e : f.entries) {
            // Certificates are out of scope: CA lines neither accept nor conflict.
            if (e.mark == marker::cert_authority || !host_field_matches(e, name))
                continue;
            const bool same = same_key(e, offered);
            if (e.mark == marker::revoked) {
                if (same && !revoked)
                    revoked = {&f, &e};
                continue;
            }
            add_type(r.known_types, e.key_type);
            if (same) {
                if (!accepted)
                    accepted = {&f, &e};
            } else if (e.key_type == offered.type) {
                if (!same_type_conflict)
                    same_type_conflict = {&f, &e};
            } else if (!any_conflict) {
                any_conflict = {&f, &e};
            }
        }
    }

    // Revocation wins over any accepting line; any accepting line wins over conflicts.
    hit chosen;
    if (revoked) {
        r.what = status::revoked;
        chosen = revoked;
    } else if (accepted) {
        r.what = status::match;
        chosen = accepted;
    } else if (same_type_conflict) {
        r.what = status::mismatch;
        chosen = same_type_conflict;
    } else if (any_conflict && opts.mismatch_on_any_key_type) {
        r.what = status::mismatch;
        chosen = any_conflict;
    }
    if (chosen) {
        r.where = {chosen.file->path, chosen.line->line};
        if (r.what == status::mismatch) {
            r.known_type = chosen.line->key_type;
            r.known_fingerprint = fingerprint_sha256(chosen.line->key_blob);
        }
    }
    return r;
}

lookup_result lookup(std::span<const parsed_file> files, std::string_view host, std::uint16_t port,
                     host_key_ref offered, const lookup_options& opts) {
    return lookup_name(files, host_key_name(host, port), offered, opts);
}

std::vector<std::string> known_key_types(std::span<const parsed_file> files, std::string_view host,
                                         std::uint16_t port) {
    const auto name = host_key_name(host, port);
    std::vector<std::string> types;
    for (const auto& f : files)
        for (const auto& e : f.entries)
            if (e.mark == marker::none && host_field_matches(e, name))
                add_type(types, e.key_type);
    return types;
}

} // namespace ssh::known_hosts
