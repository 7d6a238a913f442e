#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>
#include <test_common/test_keys.hpp>

#include <future>
#include <stdexcept>
#include <string>
#include <vector>

namespace test_common {

namespace {

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

key_files generate(const std::filesystem::path& path, key_type type, std::string_view passphrase,
                   const std::string& comment) {
    std::vector<std::string> argv{"ssh-keygen", "-q", "-t", std::string(key_type_name(type))};
    if (type == key_type::ecdsa)
        argv.insert(argv.end(), {"-b", "256"});
    if (type == key_type::rsa)
        argv.insert(argv.end(), {"-b", "3072"});
    argv.insert(argv.end(), {"-N", std::string(passphrase), "-C", comment, "-f", path.string()});
    const auto made = run_command(argv, std::nullopt, std::chrono::seconds(60));
    if (made.exit_code != 0)
        throw std::runtime_error("generating a test key failed: " + describe(argv, made));

    key_files out;
    out.private_key = path;
    out.public_key = path.string() + ".pub";
    out.public_line = first_line(read_file(out.public_key));
    const std::vector<std::string> lf{"ssh-keygen", "-E", "sha256", "-lf", out.public_key.string()};
    const auto listed = run_command(lf);
    // "256 SHA256:base64 comment (ED25519)"
    const auto start = listed.out.find("SHA256:");
    if (listed.exit_code != 0 || start == std::string::npos)
        throw std::runtime_error("fingerprinting a test key failed: " + describe(lf, listed));
    out.fingerprint = listed.out.substr(start, listed.out.find(' ', start) - start);
    return out;
}

struct key_cache {
    temp_dir dir{"fleetsh-test-keys-"};
    std::array<key_files, 3> host;
    std::array<key_files, 3> client;
    key_files encrypted;

    key_cache() {
        // ssh-keygen runs are independent; running them side by side roughly halves the wait,
        // which is dominated by the two RSA keys.
        std::vector<std::future<key_files>> host_jobs, client_jobs;
        for (const key_type type : all_key_types) {
            const std::string name(key_type_name(type));
            host_jobs.push_back(std::async(std::launch::async, generate, dir / ("host_" + name),
                                           type, "", "fleetsh-test-host-" + name));
            client_jobs.push_back(std::async(std::launch::async, generate, dir / ("client_" + name),
                                             type, "", "fleetsh-test-client-" + name));
        }
        auto encrypted_job =
            std::async(std::launch::async, generate, dir / "client_ed25519_encrypted",
                       key_type::ed25519, client_key_passphrase, "fleetsh-test-client-encrypted");
        // get() rethrows a job's failure; the futures' destructors wait for the others first.
        for (std::size_t i = 0; i < all_key_types.size(); ++i) {
            host[i] = host_jobs[i].get();
            client[i] = client_jobs[i].get();
        }
        encrypted = encrypted_job.get();
    }
};

const key_cache& cache() {
    // Thread-safe lazy initialisation; destroyed (and the directory removed) at exit.
    static const key_cache keys;
    return keys;
}

} // namespace

std::string_view key_type_name(key_type type) {
    switch (type) {
    case key_type::ed25519:
        return "ed25519";
    case key_type::ecdsa:
        return "ecdsa";
    case key_type::rsa:
        return "rsa";
    }
    throw std::invalid_argument("unknown key_type");
}

const key_files& cached_host_key(key_type type) {
    return cache().host.at(static_cast<std::size_t>(type));
}

const key_files& cached_client_key(key_type type) {
    return cache().client.at(static_cast<std::size_t>(type));
}

const key_files& cached_encrypted_client_key() {
    return cache().encrypted;
}

} // namespace test_common
