// SPDX-License-Identifier: GPL-3.0-or-later
#include "SumDbNote.h"

#include <QSet>

#include "archive/GoUnicode.h"
#include "sumdb/GoBase64.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxSignatures = 100;

Error malformed()
{
    return Error::make(Error::Code::InvalidArgument, u"malformed note"_s);
}

QString keyId(const QString &name, quint32 hash)
{
    return u"%1+%2"_s.arg(name).arg(hash, 8, 16, QLatin1Char('0'));
}

} // namespace

Expected<SumDbNote> SumDbNote::open(QByteArrayView msg, const QList<SumDbKey> &known)
{
    // Valid UTF-8 with no ASCII control characters but newline.
    if (!GoUnicode::isValidUtf8(msg))
        return malformed();
    for (const char c : msg) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n')
            return malformed();
    }

    // Must end with a signature block preceded by a blank line.
    const qsizetype split = msg.lastIndexOf(QByteArrayView("\n\n"));
    if (split < 0)
        return malformed();
    const QByteArrayView text = msg.first(split + 1);
    QByteArrayView sigs = msg.sliced(split + 2);
    if (sigs.isEmpty() || sigs.back() != '\n')
        return malformed();

    SumDbNote n;
    n.m_text = text.toByteArray();
    const QByteArray prefix = u"— "_s.toUtf8();
    QSet<QString> seen;
    QSet<QByteArray> seenUnverified;
    int numSig = 0;
    while (!sigs.isEmpty()) {
        const qsizetype nl = sigs.indexOf('\n');
        QByteArrayView line = sigs.first(nl);
        sigs = sigs.sliced(nl + 1);

        if (!line.startsWith(prefix))
            return malformed();
        line = line.sliced(prefix.size());
        const qsizetype sp = line.indexOf(' ');
        const QByteArrayView nameBytes = sp < 0 ? line : line.first(sp);
        const QByteArrayView b64 = sp < 0 ? QByteArrayView() : line.sliced(sp + 1);
        const QString name = QString::fromUtf8(nameBytes);
        const std::optional<QByteArray> sig = GoBase64::decode(b64);
        if (!sig || !SumDbKey::isValidName(name) || b64.isEmpty() || sig->size() < 5)
            return malformed();
        const quint32 hash = quint32(uchar(sig->at(0))) << 24 | quint32(uchar(sig->at(1))) << 16
                             | quint32(uchar(sig->at(2))) << 8 | quint32(uchar(sig->at(3)));
        const QByteArray rawSig = sig->mid(4);

        if (++numSig > maxSignatures) // do not spend forever on a note with many signatures
            return malformed();

        const SumDbKey *verifier = nullptr;
        int matches = 0;
        for (const SumDbKey &k : known) {
            if (k.name() == name && k.hash() == hash) {
                verifier = &k;
                ++matches;
            }
        }
        if (matches == 0) {
            // Drop repeated identical unverified signatures.
            if (seenUnverified.contains(line.toByteArray()))
                continue;
            seenUnverified.insert(line.toByteArray());
            n.m_unverified.append({name, hash, QString::fromLatin1(b64)});
            continue;
        }
        if (matches > 1)
            return Error::make(Error::Code::InvalidArgument,
                               u"ambiguous key "_s + keyId(name, hash));

        // Drop repeated signatures by a single verifier.
        if (seen.contains(keyId(name, hash)))
            continue;
        seen.insert(keyId(name, hash));

        if (!verifier->verify(text, rawSig))
            return Error::make(Error::Code::Security,
                               u"invalid signature for key "_s + keyId(name, hash));
        n.m_sigs.append({name, hash, QString::fromLatin1(b64)});
    }

    if (n.m_sigs.isEmpty())
        return Error::make(Error::Code::Security, u"note has no verifiable signatures"_s);
    return n;
}

} // namespace mk
