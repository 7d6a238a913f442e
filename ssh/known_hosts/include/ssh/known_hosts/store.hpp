#pragma once
// All known_hosts files of a client, loaded once and shared by every session of a run.
//
// Thread-safe: lookups run concurrently from any thread; adds are serialized in-process and
// across processes (see append.hpp). Flow per connection:
//
//     auto v = store.verify(host, port, {type, blob}, policy::accept_new, rng);
//     if (v.what == action::reject) fail with v.error, v.message
//     if (v.what == action::needs_decision) ask the user; on yes: store.add(...)
//
// The files are read by load() only; what other processes append later is seen by the
// re-check that add() does under the file lock, not by lookups.

#include <ssh/crypto/random.hpp>
#include <ssh/known_hosts/append.hpp>
#include <ssh/known_hosts/lookup.hpp>
#include <ssh/known_hosts/policy.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ssh::known_hosts {

struct store_options {
    std::string user_file; // read first, and where new keys go (e.g. ~/.ssh/known_hosts);
                           // empty: no user file, nothing is ever added
    std::vector<std::string> global_files; // read only (e.g. /etc/ssh/ssh_known_hosts)
    bool hash_new_entries = false;         // HashKnownHosts
    limits lim;
    lookup_options match;
};

struct verdict {
    action what = action::reject;    // accept, needs_decision or reject (never add_and_accept:
                                     // verify() has done the adding)
    boost::system::error_code error; // set iff reject
    std::string message;             // as in decision; add failures are appended here
    lookup_result found;             // what the files said before any add
    std::optional<location> added;   // where the key now is, if verify() added it
};

class store {
public:
    explicit store(store_options opts);

    // (Re)reads every file, replacing what was loaded before. Returns all warnings.
    std::vector<warning> load();

    lookup_result lookup(std::string_view host, std::uint16_t port, host_key_ref key) const;
    std::vector<std::string> known_key_types(std::string_view host, std::uint16_t port) const;

    // Appends the key to the user file (hashed if configured) unless it is there already,
    // and makes later lookups see it.
    append_result add(std::string_view host, std::uint16_t port, host_key_ref key,
                      crypto::random_source& rng);

    // lookup() + decide() + add() when the policy says so. If adding fails for an I/O
    // reason the key is still accepted, with a warning, as ssh(1) does; if the file turns
    // out to hold a conflicting key by then, the connection is refused.
    verdict verify(std::string_view host, std::uint16_t port, host_key_ref key, policy p,
                   crypto::random_source& rng);

    const store_options& options() const noexcept { return opts_; }

private:
    store_options opts_;
    mutable std::shared_mutex mutex_;
    std::vector<parsed_file> files_; // files_[0] is the user file when there is one
};

} // namespace ssh::known_hosts
