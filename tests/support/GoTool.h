// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "Subprocess.h"

namespace mk::test {

/// One object of `go mod download -json` (or `go list -m -json`) output.
struct GoModuleInfo
{
    QString path;
    QString version;
    QString sum; ///< h1: of the zip; empty for go list
    QString goModSum;
    QString dir; ///< extracted tree
    QString zip;
    QString info;
    QString goMod;
    QString error; ///< empty on success

    [[nodiscard]] QString id() const { return path + u'@' + version; }
};

struct GoDownloadResult
{
    ProcessResult process;
    QList<GoModuleInfo> modules;

    /// Every requested module came back without an error.
    [[nodiscard]] bool ok() const;
    [[nodiscard]] QString describe() const;
};

/// The real go commands, run hermetically: an environment built from nothing, pointed at a
/// fixture proxy and a temporary GOMODCACHE, so go never touches the network, the user's
/// files or the user's go env file.
class GoTool final
{
public:
    /// /usr/lib/go-1.19/bin/go and /usr/lib/go-1.23/bin/go (from CMake).
    [[nodiscard]] static QString go119();
    [[nodiscard]] static QString go123();
    /// "go1.19" / "go1.23" for data rows.
    [[nodiscard]] static QString label(const QString &go);

    /// Starts EMPTY and sets only PATH (go's bin dir + /usr/bin:/bin), HOME, XDG dirs,
    /// GOPATH (home/gopath), GOMODCACHE, GOCACHE (home/gocache), GOENV=off, GOPROXY=proxyUrl,
    /// GOSUMDB=off, GONOSUMDB/GONOPROXY/GOPRIVATE empty, GOFLAGS=-mod=mod, GOTOOLCHAIN=local,
    /// GOWORK=off, CGO_ENABLED=0, LC_ALL=C.
    [[nodiscard]] static QProcessEnvironment isolatedEnvironment(const QString &go,
                                                                 const QString &home,
                                                                 const QString &gomodcache,
                                                                 const QString &proxyUrl);

    [[nodiscard]] static ProcessResult run(const QString &go, const QStringList &args,
                                           const QProcessEnvironment &env, const QString &workDir,
                                           int timeoutMs = Subprocess::DefaultTimeoutMs);

    /// `go mod download -json m@v ...` in a fresh empty working directory, batchSize
    /// arguments per go invocation. The objects of all batches, in go's order.
    [[nodiscard]] static GoDownloadResult downloadModules(const QString &go,
                                                          const QProcessEnvironment &env,
                                                          const QStringList &modules,
                                                          int batchSize = 200,
                                                          int timeoutMs = 600000);
    /// `go list -m -json m@v` in a fresh empty working directory: leaves .info and .mod only.
    [[nodiscard]] static GoDownloadResult listModule(const QString &go,
                                                     const QProcessEnvironment &env,
                                                     const QString &module);

    /// Splits go's stream of concatenated JSON objects.
    [[nodiscard]] static QList<GoModuleInfo> parseJsonStream(const QByteArray &stream,
                                                             QString *error = nullptr);
};

} // namespace mk::test
