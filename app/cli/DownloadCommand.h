// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include "download/DownloadJob.h"

namespace mk::cli {

struct CliContext;

/// modkeeper-cli download [--proxy LIST] [--json] [--jobs N] MODULE@VERSION...: fetch versions
/// over GOPROXY into the cache as go would. Also the shared part of `refresh`.
class DownloadCommand final
{
public:
    static int run(CliContext &ctx);

    /// Options common to download and refresh; fills options from the resolved go
    /// environment, --proxy, --jobs, --modcache, --cacert and the keychain. Returns an exit code,
    /// or -1 to go on.
    struct Common
    {
        QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print one JSON object.")};
        QCommandLineOption jobs{QStringLiteral("jobs"),
                                QStringLiteral("Versions fetched at once (default 8)."),
                                QStringLiteral("N"), QStringLiteral("8")};
        QCommandLineOption modcache{
            QStringLiteral("modcache"),
            QStringLiteral("Work on DIR instead of the resolved GOMODCACHE."),
            QStringLiteral("DIR")};
        QCommandLineOption lockTimeout{
            QStringLiteral("lock-timeout"),
            QStringLiteral("Seconds to wait for a version go is using (default 60)."),
            QStringLiteral("SECONDS"), QStringLiteral("60")};
        QCommandLineOption cacert{
            QStringLiteral("cacert"),
            QStringLiteral("Also trust the CA certificates in FILE (PEM), besides the system's and "
                           "SSL_CERT_FILE/SSL_CERT_DIR."),
            QStringLiteral("FILE")};
        QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                                QStringLiteral("Show this help.")};
    };
    [[nodiscard]] static int configure(CliContext &ctx, const QCommandLineParser &parser,
                                       const Common &common, const QString &command,
                                       const QString &proxyValue, DownloadOptions &options);
    /// Runs the job, prints text or JSON; exit 0 when every version is fine, 1 otherwise.
    [[nodiscard]] static int execute(CliContext &ctx, const DownloadOptions &options,
                                     const QList<DownloadRequest> &requests, DownloadJob::Mode mode,
                                     bool asJson);
};

} // namespace mk::cli
