// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

namespace mk {

/// encoding/base64.StdEncoding as go's checksum-database code uses it: padded standard
/// alphabet; decoding skips '\r' and '\n' and rejects anything else that is not canonical
/// padding (QByteArray::fromBase64 is more lenient, which would let a key or a signature
/// parse here that go refuses).
class GoBase64 final
{
public:
    [[nodiscard]] static QByteArray encode(QByteArrayView data);
    /// nullopt on any error go's DecodeString reports.
    [[nodiscard]] static std::optional<QByteArray> decode(QByteArrayView text);
};

} // namespace mk
