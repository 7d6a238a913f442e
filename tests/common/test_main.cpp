// The one main() shared by every fleetsh test executable.
#define BOOST_TEST_MODULE fleetsh
#include <boost/test/unit_test.hpp>
