// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QFuture>
#include <QString>
#include <QStringList>

#include "common/Error.h"

namespace mk {

/// What a clean of GOCACHE did.
struct GoCacheCleanResult
{
    QString dir;
    Error error;
    bool testCacheOnly = false;
    quint64 filesRemoved = 0;
    quint64 bytesFreed = 0;   ///< allocated bytes of the removed files
    std::optional<qint64> testExpireNs; ///< --test: the expiry now in testexpire.txt
    QStringList issues;
    [[nodiscard]] bool ok() const { return !error.isError() && issues.isEmpty(); }
};

/// go clean -cache and go clean -testcache, done in-process.
///
/// cleanCache removes what go clean -cache removes (go 1.19 to 1.23): every entry of GOCACHE
/// named by two lowercase hex digits (the 256 subdirectories, whole) and log.txt. README,
/// trim.txt, testexpire.txt, fuzz/ and GOCACHE itself stay. Action entries go first, across
/// all subdirectories, so a go running meanwhile never finds an action entry whose output is
/// gone. cleanTestCache writes testexpire.txt as go does: every test result cached before now
/// is then ignored; nothing is deleted. A GOCACHE that does not exist is not an error (go's).
class GoCacheCleaner final
{
public:
    [[nodiscard]] static QFuture<GoCacheCleanResult> startCleanCache(const QString &gocache);
    [[nodiscard]] static QFuture<GoCacheCleanResult> startCleanTestCache(const QString &gocache);
    [[nodiscard]] static GoCacheCleanResult cleanCache(const QString &gocache);
    /// nowNs 0: the clock.
    [[nodiscard]] static GoCacheCleanResult cleanTestCache(const QString &gocache,
                                                           qint64 nowNs = 0);
};

} // namespace mk
