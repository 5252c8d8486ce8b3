// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace mk {

/// The folders ModKeeper looks for Go projects in (go.mod / go.work), kept in QSettings. The
/// Projects view, the "Used by" column, the Clean up… policy and the Toolchains dialog all
/// read this one list. Nothing is read before the user has chosen (isConfigured() false): the
/// Settings ▸ Projects… dialog then proposes the common places that exist (proposals()), so
/// that ModKeeper never runs go in folders nobody pointed it at.
class ProjectRootsSettings final
{
public:
    /// The chosen folders; empty before any choice.
    [[nodiscard]] static QStringList roots();
    /// Saves the list (an empty list is a choice too: no projects).
    static void setRoots(const QStringList &roots);
    /// Whether the user (or an earlier version's Toolchains setting) has chosen a list.
    [[nodiscard]] static bool isConfigured();
    /// The common project folders under home that exist: ~/go/src, ~/src, ~/code,
    /// ~/projects, ~/work (home: QDir::homePath() when empty).
    [[nodiscard]] static QStringList proposals(const QString &home = {});
};

} // namespace mk
