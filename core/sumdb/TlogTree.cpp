// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlogTree.h"

using namespace Qt::StringLiterals;

namespace mk {

QByteArray TlogTree::format() const
{
    return "go.sum database tree\n" + QByteArray::number(n) + '\n'
           + Tlog::hashToString(hash).toLatin1() + '\n';
}

Expected<TlogTree> TlogTree::parse(QByteArrayView text)
{
    const Error malformed = Error::make(Error::Code::InvalidArgument, u"malformed tree note"_s);
    if (!text.startsWith("go.sum database tree\n") || text.count('\n') < 3 || text.size() > 1000000)
        return malformed;
    const QList<QByteArray> lines = QByteArray(text.data(), text.size()).split('\n');
    const QByteArray &nText = lines.at(1);
    // Canonical decimal only: ParseInt, then FormatInt must give the same text back.
    bool ok = false;
    const qint64 n = nText.toLongLong(&ok, 10);
    if (!ok || n < 0 || QByteArray::number(n) != nText)
        return malformed;
    const Expected<Tlog::Hash> h = Tlog::parseHash(lines.at(2));
    if (!h)
        return malformed;
    TlogTree t;
    t.n = n;
    t.hash = *h;
    return t;
}

} // namespace mk
