// `email.send`: a plain-text message through the account's SMTP server (smtps://, or smtp:// with
// STARTTLS, which the HTTP client's SMTP support enforces except on loopback).
#pragma once

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SendAction& email_send_action();

// The connector `email` for connectors/list.cpp.
const Connector& email_connector();

}  // namespace flowc::runtime::connectors
