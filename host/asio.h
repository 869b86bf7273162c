// Boost.Asio and Beast, as the host and its client include them. Boost 1.74's Asio uses
// std::exchange without including <utility>, which g++ 12 in C++20 mode does not bring in
// otherwise: <utility> comes first. Internal to the host; never in a public header.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace hearth::host {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

}  // namespace hearth::host
