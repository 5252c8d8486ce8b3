// SPDX-License-Identifier: GPL-3.0-or-later
#include "BundleArchive.h"

#include <cerrno>

#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include "archive/ZipArchive.h"
#include "bundle/TreeWriter.h"
#include "download/ProxyFetcher.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

/// A plain relative path: no absolute name, no backslash, no empty, "." or ".." element.
bool plainName(const QByteArray &raw, QString *out)
{
    const QString name = QString::fromUtf8(raw);
    if (name.toUtf8() != raw || name.isEmpty() || name.startsWith(u'/') || name.contains(u'\\')
        || name.contains(QChar(0)) || name.size() > 4096)
        return false;
    for (const QString &part : name.split(u'/'))
        if (part.isEmpty() || part == u"." || part == u"..")
            return false;
    *out = name;
    return true;
}

} // namespace

bool BundleArchive::isBundlePath(const QString &path)
{
    return path.endsWith(u".zip"_s, Qt::CaseInsensitive) && !QFileInfo(path).isDir();
}

Status BundleArchive::write(const QString &treeDir, const QString &zipPath)
{
    if (QFileInfo::exists(zipPath))
        return Error::make(Error::Code::Refused,
                           u"already exists (export to a folder to merge into a tree)"_s, zipPath);
    const QString tmp = zipPath + u".tmp-"_s
                        + QString::number(QRandomGenerator::global()->generate(), 36);
    int err = 0;
    zip_t *za = zip_open(QFile::encodeName(tmp).constData(), ZIP_CREATE | ZIP_EXCL, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        const Error e = Error::make(Error::Code::Io, QString::fromUtf8(zip_error_strerror(&ze)), tmp);
        zip_error_fini(&ze);
        return e;
    }
    auto fail = [&](const QString &message, const QString &subject) -> Status {
        zip_discard(za);
        QFile::remove(tmp);
        return Error::make(Error::Code::Io, message, subject);
    };
    const QDir root(treeDir);
    QDirIterator it(treeDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (it.fileInfo().isSymLink() || !it.fileInfo().isFile())
            continue;
        const QByteArray name = root.relativeFilePath(file).toUtf8();
        zip_source_t *src = zip_source_file_create(QFile::encodeName(file).constData(), 0, -1, nullptr);
        if (!src)
            return fail(QString::fromUtf8(zip_strerror(za)), file);
        const zip_int64_t index = zip_file_add(za, name.constData(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(src);
            return fail(QString::fromUtf8(zip_strerror(za)), file);
        }
        // Module zips are compressed already.
        if (name.endsWith(".zip"))
            zip_set_file_compression(za, zip_uint64_t(index), ZIP_CM_STORE, 0);
        zip_file_set_external_attributes(za, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX,
                                         zip_uint32_t(S_IFREG | 0644) << 16);
    }
    if (zip_close(za) != 0)
        return fail(QString::fromUtf8(zip_strerror(za)), tmp);
    // Never over a file that appeared meanwhile: link fails when the name exists.
    if (::link(QFile::encodeName(tmp).constData(), QFile::encodeName(zipPath).constData()) != 0) {
        const int e = errno;
        QFile::remove(tmp);
        return Error::fromErrno(e, zipPath, u"cannot create the bundle"_s);
    }
    QFile::remove(tmp);
    return {};
}

Status BundleArchive::extract(const QString &zipPath, const QString &destDir,
                              quint64 maxTotalBytes)
{
    Expected<ZipArchive> archive = ZipArchive::open(zipPath);
    if (!archive)
        return archive.error();
    Expected<TreeWriter> writer = TreeWriter::open(destDir);
    if (!writer)
        return writer.error();
    quint64 total = 0;
    QByteArray buffer;
    for (const ZipEntry &e : archive->entries()) {
        const QString subject = zipPath + u": "_s + QString::fromUtf8(e.name);
        if (e.isDirName())
            continue;
        QString name;
        if (!plainName(e.name, &name))
            return Error::make(Error::Code::Refused, u"not a plain relative file name"_s, subject);
        const quint32 type = e.unixFileType();
        if (type != 0 && type != S_IFREG)
            return Error::make(Error::Code::Refused, u"not a regular file"_s, subject);
        if (e.size > quint64(ProxyFetcher::maxBytes(ProxyFetcher::Kind::Zip)))
            return Error::make(Error::Code::Refused, u"larger than go's zip limit"_s, subject);
        total += e.size;
        if (total > maxTotalBytes)
            return Error::make(Error::Code::Refused,
                               u"the bundle unpacks to more than %1 bytes"_s.arg(maxTotalBytes),
                               zipPath);
        const Status st = writer->writeWith(name, [&](int fd, qint64 *n) -> Status {
            return archive->read(
                e,
                [&](QByteArrayView chunk) -> Status {
                    qsizetype done = 0;
                    while (done < chunk.size()) {
                        const ssize_t w
                            = ::write(fd, chunk.data() + done, size_t(chunk.size() - done));
                        if (w < 0) {
                            if (errno == EINTR)
                                continue;
                            return Error::fromErrno(errno, destDir + u'/' + name);
                        }
                        done += w;
                    }
                    *n += chunk.size();
                    return {};
                },
                buffer);
        });
        if (!st)
            return st;
    }
    return {};
}

} // namespace mk
