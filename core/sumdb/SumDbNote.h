// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "sumdb/SumDbKey.h"

namespace mk {

/// A signed note opened and verified exactly as golang.org/x/mod/sumdb/note.Open does: the
/// message must be UTF-8 without control characters other than '\n'; the text (ending in
/// '\n') is followed by a blank line and 1..100 lines "— <name> <base64(4-byte key hash ||
/// signature)>". Signatures by unknown keys are kept aside; a known key's signature must
/// verify; at least one must.
class SumDbNote final
{
public:
    struct Signature
    {
        QString name;
        quint32 hash = 0;
        QString base64;
    };

    /// Errors carry note's text: "malformed note", "invalid signature for key name+hash",
    /// "note has no verifiable signatures", "ambiguous key name+hash". A bad signature is a
    /// Security error; the rest are InvalidArgument.
    [[nodiscard]] static Expected<SumDbNote> open(QByteArrayView message,
                                                  const QList<SumDbKey> &known);

    /// The signed text, ending in '\n'.
    [[nodiscard]] QByteArray text() const { return m_text; }
    [[nodiscard]] const QList<Signature> &signatures() const { return m_sigs; }
    [[nodiscard]] const QList<Signature> &unverifiedSignatures() const { return m_unverified; }

private:
    QByteArray m_text;
    QList<Signature> m_sigs;
    QList<Signature> m_unverified;
};

} // namespace mk
