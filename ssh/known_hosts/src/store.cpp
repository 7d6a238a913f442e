#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/host_match.hpp>
#include <ssh/known_hosts/parser.hpp>
#include <ssh/known_hosts/store.hpp>

#include <mutex>

namespace ssh::known_hosts {
namespace {

// The in-memory twin of a line the user file now holds for (name, key).
entry plain_entry(std::string name, host_key_ref key, std::size_t line) {
    entry e;
    e.patterns.push_back({std::move(name), false});
    e.key_type = key.type;
    e.key_blob.assign(key.blob.begin(), key.blob.end());
    e.line = line;
    return e;
}

} // namespace

store::store(store_options opts)
    : opts_{std::move(opts)} {}

std::vector<warning> store::load() {
    std::vector<parsed_file> files;
    if (!opts_.user_file.empty())
        files.push_back(load_file(opts_.user_file, opts_.lim));
    for (const auto& path : opts_.global_files)
        files.push_back(load_file(path, opts_.lim));
    std::vector<warning> warnings;
    for (auto& f : files)
        for (auto& w : f.warnings)
            warnings.push_back(w);
    std::unique_lock lock{mutex_};
    files_ = std::move(files);
    return warnings;
}

lookup_result store::lookup(std::string_view host, std::uint16_t port, host_key_ref key) const {
    std::shared_lock lock{mutex_};
    return known_hosts::lookup(files_, host, port, key, opts_.match);
}

std::vector<std::string> store::known_key_types(std::string_view host, std::uint16_t port) const {
    std::shared_lock lock{mutex_};
    return known_hosts::known_key_types(files_, host, port);
}

append_result store::add(std::string_view host, std::uint16_t port, host_key_ref key,
                         crypto::random_source& rng) {
    if (opts_.user_file.empty())
        return {append_status::refused,
                make_error_code(boost::system::errc::invalid_argument),
                "cannot add host key: no user known_hosts file is configured",
                {}};
    append_options ao{opts_.hash_new_entries, opts_.lim, opts_.match};
    // The exclusive lock also keeps threads of this process from racing to the file.
    std::unique_lock lock{mutex_};
    // Another thread may have added it since our caller looked.
    const auto now = known_hosts::lookup(files_, host, port, key, opts_.match);
    if (now.what == status::match)
        return {append_status::already_present, {}, {}, now.where};
    auto r = append_host_key(opts_.user_file, host, port, key, rng, ao);
    if (r.what != append_status::refused) {
        if (files_.empty() || files_.front().path != opts_.user_file)
            files_.insert(files_.begin(), parsed_file{opts_.user_file, {}, {}, true});
        files_.front().entries.push_back(plain_entry(host_key_name(host, port), key, r.where.line));
    }
    return r;
}

verdict store::verify(std::string_view host, std::uint16_t port, host_key_ref key, policy p,
                      crypto::random_source& rng) {
    verdict v;
    v.found = lookup(host, port, key);
    auto d = decide(v.found, p);
    v.what = d.what;
    v.error = d.error;
    v.message = std::move(d.message);
    if (d.what != action::add_and_accept)
        return v;

    v.what = action::accept;
    const auto r = add(host, port, key, rng);
    switch (r.what) {
    case append_status::appended:
    case append_status::already_present:
        v.added = r.where;
        break;
    case append_status::refused:
        if (r.error == errc::host_key_mismatch || r.error == errc::host_key_revoked ||
            r.error == errc::incomplete_database) {
            v.what = action::reject;
            v.error = r.error;
            v.message = r.message;
        } else {
            v.message += " Warning: " + r.message;
        }
        break;
    }
    return v;
}

} // namespace ssh::known_hosts
