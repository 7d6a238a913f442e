#pragma once
// Known-answer checks of every primitive family the SSH layer takes from the crypto backend
// (Botan 2). A deployment can run them (`fleetsh self-check`) to prove that the library it
// was linked against has each algorithm and computes it correctly.

#include <string>
#include <vector>

namespace ssh::crypto {

struct self_test_result {
    std::string name;   // what was checked, e.g. "SHA-256"
    std::string source; // where the expected answer comes from, e.g. "FIPS 180-4"
    bool passed = false;
    std::string detail; // why it failed; empty when it passed
};

std::vector<self_test_result> run_backend_self_tests();

// "Botan 2.19.3 (...)": the backend this binary runs with.
std::string backend_version();

} // namespace ssh::crypto
