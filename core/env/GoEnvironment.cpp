// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoEnvironment.h"

namespace mk {

GoEnvInputs GoEnvInputs::current() { return {}; }
GoEnvironment GoEnvironment::resolve(const GoEnvInputs &) { return {}; }
const QStringList &GoEnvironment::knownNames() { static QStringList n; return n; }
QList<GoEnvironment::Variable> GoEnvironment::variables() const { return {}; }
GoEnvironment::Variable GoEnvironment::variable(const QString &name) const { return m_vars.value(name); }
Expected<QString> GoEnvironment::gomodcache() const { return Error::make(Error::Code::Unsupported, QStringLiteral("todo")); }
Expected<QString> GoEnvironment::gocache() const { return Error::make(Error::Code::Unsupported, QStringLiteral("todo")); }
QJsonObject GoEnvironment::toJson() const { return {}; }
QString toString(EnvOrigin) { return {}; }

} // namespace mk
