// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "common/Expected.h"

namespace mk {

/// The .info file as go writes it (modfetch writeDiskStat): the proxy's JSON is parsed into
/// RevInfo and marshalled again, so the bytes are go's encoding/json output —
/// {"Version":...,"Time":RFC3339Nano} with an Origin (go >= 1.20) only when the proxy sent
/// one, cleaned as go 1.23 cleans it. Unknown fields are dropped.
class RevInfoJson final
{
public:
    /// requestedVersion is canonical: the answer must name exactly it, as go insists.
    [[nodiscard]] static Expected<QByteArray> fromProxy(const QByteArray &body,
                                                        const QString &requestedVersion);
    /// go's encoding/json string encoding (HTML-safe: <, >, & escaped).
    [[nodiscard]] static QByteArray quote(const QString &s);
    /// time.Time.MarshalJSON of an RFC 3339 text: trailing fractional zeros trimmed, offset
    /// kept ("Z" for zero). Empty when the text is not RFC 3339.
    [[nodiscard]] static QByteArray formatTime(const QString &rfc3339);
};

} // namespace mk
