// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QMutex>

#include <QByteArray>
#include <QString>

#include "common/Error.h"
#include "download/DownloadRecords.h"
#include "download/HttpGetter.h"
#include "proxy/ProxyList.h"

class QFile;

namespace mk {

/// Fetches one file of the GOPROXY protocol (.info, .mod, .zip) through a GOPROXY list with
/// go's fall-through rules (go-cache-internals.md §4.2): every request starts again at the
/// first entry; after ',' only "not found" (404/410, a missing file:// file) moves on, after
/// '|' any error does; "off" stops; "direct" and GONOPROXY paths are answered with
/// `direct`, for the caller to hand to the go command. Transient network errors are retried
/// with backoff before an entry counts as failed.
class ProxyFetcher final
{
public:
    enum class Kind {
        Info,
        Mod,
        Zip,
        List,
        Latest
    }; ///< List: @v/list, Latest: @latest (version unused)

    struct Fetched
    {
        bool direct = false; ///< go must fetch it (direct entry or a GONOPROXY path)
        QString proxy;       ///< the entry that answered (redacted)
        QByteArray data;     ///< .info / .mod content (a zip goes to the sink)
        qint64 bytes = 0;
        Error error;
        [[nodiscard]] bool ok() const { return !error.isError(); }
    };

    ProxyFetcher(ProxyList list, const DownloadOptions &options);

    /// path/version are unescaped; zipSink receives a zip (truncated before each attempt).
    [[nodiscard]] Fetched fetch(const QString &path, const QString &version, Kind kind,
                                QFile *zipSink, const std::function<bool()> &cancelled,
                                const std::function<void(qint64)> &onBytes = {}) const;

    /// go's size limits: 16 MiB for go.mod, 500 MiB for a zip.
    [[nodiscard]] static qint64 maxBytes(Kind kind);

private:
    class HostSlots;
    /// One file:// or http(s) entry of the list; the answer goes to out. Returns the error for
    /// go's fall-through rules to judge, or nothing when out is final (data, or an error that
    /// no later entry may change).
    [[nodiscard]] static std::optional<Error> fetchFromFile(
        const QString &url, Kind kind, QFile *zipSink, const std::function<void(qint64)> &onBytes,
        Fetched &out);
    /// Transient failures are retried with backoff before the entry counts as failed.
    [[nodiscard]] std::optional<Error> fetchOverHttp(const QString &url, const QString &subject,
                                                     Kind kind, QFile *zipSink,
                                                     const std::function<bool()> &cancelled,
                                                     const std::function<void(qint64)> &onBytes,
                                                     Fetched &out) const;
    /// Waits for a free slot to host (options.maxPerHost); released when the holder goes.
    [[nodiscard]] std::shared_ptr<void> acquireSlot(const QString &host,
                                                    const std::function<bool()> &cancelled) const;

    ProxyList m_list;
    const DownloadOptions &m_options;
    mutable QMutex m_slotsMutex;
    mutable QHash<QString, std::shared_ptr<HostSlots>> m_slots;
};

} // namespace mk
