#pragma once
// A host_key_verifier backed by OpenSSH known_hosts files and a StrictHostKeyChecking-style
// policy.

#include <ssh/asio/client_options.hpp>
#include <ssh/known_hosts/store.hpp>

#include <memory>

namespace ssh::asio {

// `ask` answers the question of policy::ask ("The authenticity of host ... can't be
// established ... Are you sure?"); without it, ask refuses unknown hosts. The store is
// shared by every connection of a run and must be loaded.
host_key_verifier
make_known_hosts_verifier(std::shared_ptr<known_hosts::store> store, known_hosts::policy policy,
                          std::function<bool(std::string_view question)> ask = {});

// Puts the host key algorithms of the key types already known for the host first, as
// OpenSSH does, so a server with several host keys presents the one we can check.
transport::name_list order_host_key_algorithms(const transport::name_list& offer,
                                               const std::vector<std::string>& known_types);

} // namespace ssh::asio
