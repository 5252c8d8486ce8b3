// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtKeychainBackend.h"

#include <qt6keychain/keychain.h>

namespace mk {

namespace {

// QtKeychain 0.13 with libsecret reports a missing secret service as OtherError, not
// NoBackendAvailable: every error other than EntryNotFound means "unavailable".
KeychainBackend::Reply replyFor(const QKeychain::Job *job)
{
    KeychainBackend::Reply r;
    r.backendCode = int(job->error());
    r.detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        r.outcome = KeychainBackend::Outcome::Ok;
        break;
    case QKeychain::EntryNotFound:
        r.outcome = KeychainBackend::Outcome::NotFound;
        break;
    default:
        r.outcome = KeychainBackend::Outcome::Unavailable;
        break;
    }
    return r;
}

template<typename JobT>
void start(JobT *job, const QString &key, KeychainBackend::Done done)
{
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [done = std::move(done)](QKeychain::Job *j) {
                         KeychainBackend::Reply r = replyFor(j);
                         if (r.outcome == KeychainBackend::Outcome::Ok) {
                             if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
                                 r.data = read->binaryData();
                         }
                         done(r);
                     });
    job->start();
}

} // namespace

void QtKeychainBackend::read(const QString &service, const QString &key, Done done)
{
    start(new QKeychain::ReadPasswordJob(service), key, std::move(done));
}

void QtKeychainBackend::write(const QString &service, const QString &key, const QByteArray &data,
                              Done done)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setTextData(QString::fromUtf8(data)); // JSON text: readable with secret-tool
    start(job, key, std::move(done));
}

void QtKeychainBackend::remove(const QString &service, const QString &key, Done done)
{
    start(new QKeychain::DeletePasswordJob(service), key, std::move(done));
}

} // namespace mk
