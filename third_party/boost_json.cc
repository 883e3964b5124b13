// Boost.JSON compiled into the program (Debian ships it as headers only with libboost1.81-dev).
#include <boost/json/src.hpp>
