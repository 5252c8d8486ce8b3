// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <utility>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "env/GoEnvironment.h"

namespace mk {

/// Which go's rules GoEnvFile applies: the known keys and some checks depend on the release.
struct GoEnvWriteRules
{
    Platform platform = Platform::Linux;
    int goMinor = 23; ///< N of go1.N; see GoEnvironment::goMinor()
    /// Go >= 1.21 also accepts any key already present in the user file or $GOROOT/go.env.
    QStringList keysInFiles;
    /// The file's path, only for the "reading go env config" message.
    QString path;
};

/// The go env file ($GOENV, written by `go env -w`) as pure content functions: reading
/// it as go's readEnvFile does, validating values as `go env -w` does (checkEnvWrite),
/// and producing the bytes that `go env -w` / `go env -u` would write (updateEnvFile).
/// Nothing here touches the disk. Error messages are go's, without the "go: " prefix.
class GoEnvFile final
{
public:
    using Rules = GoEnvWriteRules;
    using Assignment = std::pair<QString, QByteArray>;

    /// readEnvFile: split on '\n' only; skip lines without '=' or not starting with A-Z;
    /// key before the first '=', the rest is the raw value; the last duplicate wins.
    [[nodiscard]] static QHash<QString, QString> parse(const QByteArray &content);

    /// checkEnvWrite: computed and OS-only keys, unknown keys, GO111MODULE values, '~' and
    /// relative GOPATH, relative GOMODCACHE, CC/CXX, then invalid UTF-8, NUL and newlines.
    [[nodiscard]] static Status checkWrite(const QString &key, const QByteArray &value,
                                           const Rules &rules = {});
    /// Same, for a value typed by a person (a lone surrogate counts as invalid UTF-8).
    [[nodiscard]] static Status checkWrite(const QString &key, const QString &value,
                                           const Rules &rules = {});

    /// `go env -w K=V ...`: validates every assignment as go does, then returns the new
    /// content. content is nullopt when the file does not exist yet.
    /// Not checked (go's checkBuildConfig): GOOS/GOARCH pairs and GOEXPERIMENT names.
    [[nodiscard]] static Expected<QByteArray> set(const std::optional<QByteArray> &content,
                                                  const QList<Assignment> &assignments,
                                                  const Rules &rules = {});
    /// `go env -u K ...`: fails like go when the file does not exist.
    [[nodiscard]] static Expected<QByteArray> unset(const std::optional<QByteArray> &content,
                                                    const QStringList &keys,
                                                    const Rules &rules = {});

    /// updateEnvFile without any validation: collapse duplicates to the last one, update
    /// keys in place, append new ones, delete removed ones, then sort each run of KEY= lines.
    [[nodiscard]] static QByteArray update(const QByteArray &content, const QList<Assignment> &add,
                                           const QStringList &remove);

    /// The warnings `go env -w` prints when a non-empty OS variable will override the file.
    [[nodiscard]] static QStringList conflictWarnings(const QList<Assignment> &assignments,
                                                      const QHash<QString, QString> &osEnvironment);

    /// Keys `go env -w` knows for go1.<goMinor> (internal/cfg.KnownEnv).
    [[nodiscard]] static QStringList knownKeys(int goMinor);
};

} // namespace mk
