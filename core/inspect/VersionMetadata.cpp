// SPDX-License-Identifier: GPL-3.0-or-later
#include "VersionMetadata.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

#include <fcntl.h>
#include <unistd.h>

#include "archive/Hash1.h"
#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "download/RevInfoJson.h"
#include "proxy/ProxyEnvState.h"
#include "proxy/ProxyRoute.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// Reads at most limit + 1 bytes of rel below rootFd (O_NOATIME, no symlinks), so that the
// caller can tell a file over the limit.
Expected<QByteArray> readBeneath(int rootFd, const QString &rel, const QString &shownPath,
                                 qint64 limit)
{
    const UniqueFd fd = SafeFs::openBeneath(rootFd, QFile::encodeName(rel).constData(), O_RDONLY);
    if (!fd.isValid())
        return Error::fromErrno(errno, shownPath);
    QByteArray out;
    char buf[16384];
    while (out.size() <= limit) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::fromErrno(errno, shownPath);
        }
        if (n == 0)
            break;
        out.append(buf, n);
    }
    return out;
}

QString originText(const QJsonObject &origin)
{
    QStringList lines;
    for (auto it = origin.begin(); it != origin.end(); ++it) {
        const QJsonValue v = it.value();
        QString text
            = v.isString()
                  ? v.toString()
                  : QString::fromUtf8(
                      QJsonDocument(QJsonObject{{it.key(), v}}).toJson(QJsonDocument::Compact));
        lines << it.key() + u": "_s + text;
    }
    return lines.join(u'\n');
}

} // namespace

VersionDetails VersionMetadata::read(const Request &request, const GoEnvInputs &inputs)
{
    VersionDetails out;
    out.path = request.path;
    out.version = request.version;

    // Where go would fetch it: pure rules over the effective settings.
    const Expected<ProxyRoute> route
        = ProxyRoute::forModule(request.path, ProxyEnvState::read(inputs).effective());
    if (route)
        out.where = route->describe();
    else
        out.whereError = route.error();

    const UniqueFd root = SafeFs::openPath(QFile::encodeName(request.gomodcache).constData(),
                                           O_RDONLY | O_DIRECTORY);
    if (!root.isValid()) {
        out.goModError = out.infoError = Error::fromErrno(errno, request.gomodcache);
        return out;
    }
    const QString dl
        = u"cache/download/"_s + request.escapedPath + u"/@v/"_s + request.escapedVersion;
    auto shown
        = [&](const QString &suffix) -> QString { return request.gomodcache + u'/' + dl + suffix; };

    QString goModSum;
    if (Expected<QByteArray> mod
        = readBeneath(root.get(), dl + u".mod"_s, shown(u".mod"_s), MaxGoModHashed)) {
        if (mod->size() > MaxGoModHashed) {
            out.goModError
                = Error::make(Error::Code::Unsupported, u"the go.mod file is too large to show"_s,
                              shown(u".mod"_s));
        } else {
            goModSum = Hash1::hashGoMod(*mod);
            out.goModTruncated = mod->size() > MaxGoModShown;
            out.goMod = mod->left(MaxGoModShown);
        }
    } else {
        out.goModError = mod.error();
    }

    if (Expected<QByteArray> info
        = readBeneath(root.get(), dl + u".info"_s, shown(u".info"_s), 1024 * 1024)) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(*info, &perr);
        if (!doc.isObject()) {
            out.infoError
                = Error::make(Error::Code::InvalidArgument,
                              u"not a JSON object: "_s + perr.errorString(), shown(u".info"_s));
        } else {
            const QJsonObject o = doc.object();
            out.infoVersion = o.value(u"Version"_s).toString();
            const QString time = o.value(u"Time"_s).toString();
            const QByteArray marshalled = RevInfoJson::formatTime(time);
            out.infoTime = marshalled.isEmpty() ? time : QString::fromUtf8(marshalled);
            out.origin = originText(o.value(u"Origin"_s).toObject());
        }
    } else {
        out.infoError = info.error();
    }

    if (Expected<QByteArray> zh
        = readBeneath(root.get(), dl + u".ziphash"_s, shown(u".ziphash"_s), 4096)) {
        const QString h = QString::fromUtf8(zh->trimmed());
        if (h.startsWith(u"h1:"_s) && !h.contains(u'\n'))
            out.ziphash = h;
    }

    // go.sum order: the zip's line, then the go.mod's (modfetch.WriteGoSum sorts them so).
    if (!out.ziphash.isEmpty())
        out.goSumLines << request.path + u' ' + request.version + u' ' + out.ziphash;
    if (!goModSum.isEmpty())
        out.goSumLines << request.path + u' ' + request.version + u"/go.mod "_s + goModSum;
    return out;
}

QFuture<VersionDetails> VersionMetadata::start(const Request &request, const GoEnvInputs &inputs)
{
    return QtConcurrent::run(CorePool::instance(), [request, inputs] {
        CorePool::markBackgroundThread();
        return read(request, inputs);
    });
}

} // namespace mk
