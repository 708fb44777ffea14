// The one list of connectors (connectors/list.cpp) and the installed catalog describe the
// same connectors: every catalog action has its implementation in the list, of its kind, and the
// list holds nothing the catalog does not declare (a connector forgotten in one of the two fails).
#include <gtest/gtest.h>

#include <span>
#include <string>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "connectors/list.hpp"

namespace flowc::testing {
namespace {

using catalog::ActionKind;
using runtime::connectors::installed_connectors;

TEST(ConnectorList, EveryCatalogActionIsImplementedOfItsKind) {
  for (const catalog::ConnectorSpec& spec : catalog::installed().connectors()) {
    ASSERT_NE(installed_connectors().find(spec.name), nullptr) << spec.name << " is not in connectors/list.cpp";
    for (const catalog::ActionSpec& action : spec.actions) {
      const bool source = action.kind == ActionKind::Source;
      EXPECT_EQ(installed_connectors().find_source(spec.name, action.name) != nullptr, source) << spec.name << "." << action.name;
      EXPECT_EQ(installed_connectors().find_send(spec.name, action.name) != nullptr, !source) << spec.name << "." << action.name;
    }
  }
}

template <typename Action>
void expect_declared(const catalog::ConnectorSpec& spec, std::span<const runtime::NamedAction<Action>> actions,
                     ActionKind kind) {
  for (const runtime::NamedAction<Action>& action : actions) {
    const catalog::ActionSpec* declared = catalog::find_action(spec, action.name);
    ASSERT_NE(declared, nullptr) << spec.name << "." << action.name << " is listed but not in the catalog";
    EXPECT_EQ(declared->kind, kind) << spec.name << "." << action.name;
  }
}

TEST(ConnectorList, HoldsOnlyWhatTheCatalogDeclares) {
  for (const runtime::Connector* connector : installed_connectors().all()) {
    const std::string name(connector->name);
    const catalog::ConnectorSpec* spec = catalog::installed().find_connector(name);
    ASSERT_NE(spec, nullptr) << name << " is listed but has no catalog spec";
    expect_declared(*spec, connector->sends, ActionKind::Send);
    expect_declared(*spec, connector->sources, ActionKind::Source);
  }
}

// The tools stand in for a connector's service by its transport, never by its name.
TEST(ConnectorList, TransportsOfTheConnectorsThatSendNoHttp) {
  EXPECT_EQ(installed_connectors().transport_of("csv"), runtime::Transport::LocalFiles);
  EXPECT_EQ(installed_connectors().transport_of("email"), runtime::Transport::Smtp);
  EXPECT_EQ(installed_connectors().transport_of("keepincrm"), runtime::Transport::Http);
  EXPECT_EQ(installed_connectors().transport_of("no_such_connector"), runtime::Transport::Http);
}

}  // namespace
}  // namespace flowc::testing
