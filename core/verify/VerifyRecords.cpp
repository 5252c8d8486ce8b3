// SPDX-License-Identifier: GPL-3.0-or-later
#include "VerifyRecords.h"

using namespace Qt::StringLiterals;

namespace mk {

Status KnownSums::addGoSum(QByteArrayView text, const QString &source)
{
    // modfetch.readGoSum: whitespace-separated fields, exactly three per non-empty line.
    static const QByteArray emptyGoModHash = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";
    int lineNo = 0;
    for (const QByteArray &line : QByteArray(text.data(), text.size()).split('\n')) {
        ++lineNo;
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() == 1 && f.at(0).isEmpty())
            continue;
        if (f.size() != 3)
            return Error::make(
                Error::Code::InvalidArgument,
                u"malformed go.sum: line %1: wrong number of fields %2"_s.arg(lineNo).arg(f.size()),
                source);
        if (f.at(2) == emptyGoModHash || !f.at(2).startsWith("h1:"))
            continue; // go drops the old empty-go.mod bug line; other hash kinds are not ours
        const QString path = QString::fromUtf8(f.at(0));
        QString version = QString::fromUtf8(f.at(1));
        const QString hash = QString::fromLatin1(f.at(2));
        if (version.endsWith(u"/go.mod"_s)) {
            version.chop(7);
            goMod.insert(path + u'@' + version, hash);
        } else {
            zip.insert(path + u'@' + version, hash);
        }
    }
    return {};
}

QString toString(VerifyStatus status)
{
    switch (status) {
    case VerifyStatus::NotChecked:
        return u"not-checked"_s;
    case VerifyStatus::Verified:
        return u"verified"_s;
    case VerifyStatus::Modified:
        return u"modified"_s;
    case VerifyStatus::Corrupt:
        return u"corrupt"_s;
    case VerifyStatus::Unverifiable:
        return u"unverifiable"_s;
    case VerifyStatus::Partial:
        return u"partial"_s;
    }
    return {};
}

QString toString(RepairOutcome outcome)
{
    switch (outcome) {
    case RepairOutcome::NothingToDo:
        return u"nothing-to-do"_s;
    case RepairOutcome::Reextracted:
        return u"reextracted"_s;
    case RepairOutcome::Redownloaded:
        return u"redownloaded"_s;
    case RepairOutcome::NeedsRedownload:
        return u"needs-redownload"_s;
    case RepairOutcome::Failed:
        return u"failed"_s;
    }
    return {};
}

} // namespace mk
