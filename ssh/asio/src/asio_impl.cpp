// Asio's implementation, compiled once for the whole build. Every other translation unit
// sees BOOST_ASIO_SEPARATE_COMPILATION (set on the ssh_asio target) and only declarations.
#include <boost/asio/impl/src.hpp>
