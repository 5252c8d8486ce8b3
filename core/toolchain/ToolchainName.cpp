// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainName.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QString versionPrefix = u"v0.0.1-"_s; // select.go: gotoolchainVersion + "-"

} // namespace

QString ToolchainName::modulePath()
{
    return u"golang.org/toolchain"_s;
}

std::optional<ToolchainName> ToolchainName::fromModuleVersion(const QString &version)
{
    if (!version.startsWith(versionPrefix))
        return std::nullopt;
    const QString rest = version.mid(versionPrefix.size());
    const qsizetype dot = rest.lastIndexOf(u'.');
    if (dot <= 0)
        return std::nullopt;
    const QString platform = rest.mid(dot + 1);
    const qsizetype dash = platform.indexOf(u'-');
    if (dash <= 0 || dash == platform.size() - 1)
        return std::nullopt;
    ToolchainName n;
    n.toolchain = rest.left(dot);
    n.goos = platform.left(dash);
    n.goarch = platform.mid(dash + 1);
    if (!n.toolchain.startsWith(u"go") && !n.toolchain.contains(u"-go"))
        return std::nullopt;
    return n;
}

QString ToolchainName::moduleVersion() const
{
    return versionPrefix + toolchain + u'.' + goos + u'-' + goarch;
}

QString ToolchainName::display() const
{
    return toolchain + u" ("_s + goos + u'/' + goarch + u')';
}

} // namespace mk
