// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "project/ProjectRecords.h"

namespace mk {

/// The module versions a Go project needs from a module cache, as its own go sees them.
///
/// Why the go command and not our own go.mod reader: the build list is the result of minimal
/// version selection over the whole module graph, with replace/exclude directives, workspaces
/// and graph pruning (go >= 1.17) — only go computes it right for every go version. So go
/// runs offline in the project (GOPROXY=off: it can only read the cache; GOFLAGS=-mod=mod so a
/// vendor directory does not hide the modules) with GOMODCACHE pointing at the cache read:
///  - `go list -m all` gives the build list: every version whose zip a build may extract;
///  - `go mod graph` adds the versions go reads only the go.mod of while it selects (older
///    versions other modules require); they need .info/.mod but no zip. It is cheap (go
///    reads only go.mod files), and when it fails (a go.mod go never fetched) the build
///    list alone is kept, with a note.
/// Local directory replacements and the main modules are not in the cache and are left out.
class ProjectNeeds final
{
public:
    struct Version
    {
        QString path;
        QString version;
        bool modOnly = false; ///< only in the module graph, not in the build list
        [[nodiscard]] QString id() const { return path + u'@' + version; }
    };
    struct Result
    {
        QString project;
        QList<Version> versions; ///< build list first, then go.mod-only needs
        QStringList notes;
    };

    struct Options
    {
        QString goBinary;                    ///< the go command; empty: "go" on PATH
        QString gomodcache;                  ///< the cache go reads
        QHash<QString, QString> environment; ///< the base environment (PATH, HOME, GOPATH...)
        int timeoutMs = 120000;
    };

    /// Blocking (runs go twice); call it on a worker thread. The error names the project and
    /// carries go's own message.
    [[nodiscard]] static Expected<Result> find(const QString &projectDir, const Options &options);

    /// What one project needs, for ProjectsJob: the build list (`go list -m all`) and the
    /// module graph (`go mod graph`) as in find(); a version is needed as Code when it
    /// provides a package to `go list -deps -test ./...` of the main module(s) (so its zip and
    /// tree are needed), else as GoMod (only .info/.mod, for the graph). When the package
    /// list cannot be made (e.g. a zip is not in the cache) every build list version counts as
    /// Code: nothing is dropped on a guess. workspace: dir holds a go.work whose `use` modules
    /// are the main modules (GOWORK is set to it; for a go.mod project GOWORK=off).
    /// missing: needs whose .mod (GoMod) or .mod and zip or tree (Code) are not in the cache.
    /// A failure of `go list -m all` or `go mod graph` is the project's error.
    [[nodiscard]] static ProjectInfo readProject(const QString &dir, bool workspace,
                                                 const Options &options);

    /// Parses `go list -m -f '{{.Path}} {{.Version}} {{with .Replace}}{{.Path}}
    /// {{.Version}}{{end}}'`.
    [[nodiscard]] static QList<Version> parseBuildList(const QByteArray &output);
    /// Parses `go mod graph`: every "path@version" on either side.
    [[nodiscard]] static QList<Version> parseGraph(const QByteArray &output);
};

} // namespace mk
