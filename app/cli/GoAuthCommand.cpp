// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoAuthCommand.h"

#include <cstdio>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/SecretInput.h"
#include "keychain/CredentialStore.h"
#include "keychain/GoAuthHelper.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

void printUsage(QTextStream &s)
{
    s << "Usage: modkeeper-cli goauth [URL]\n\n"
         "The GOAUTH helper for Go 1.24 and later: set GOAUTH=\"/path/to/modkeeper-cli goauth\" "
         "(go splits\n"
         "the command on spaces, so the path must not contain any). go runs it once without "
         "arguments,\n"
         "and again with the URL that failed with a 4xx (the HTTP response on stdin). It prints, "
         "for each\n"
         "proxy host with a credential in the keychain (modkeeper-cli proxy login):\n\n"
         "  https://HOST/\n  <blank line>\n  Authorization: Basic ...\n  <blank line>\n\n"
         "A URL that is not https, carries user info or control characters, or names a host "
         "without a\n"
         "credential gets no answer. Nothing is printed when the keychain is unavailable.\n"
         "Exit codes: 0 success, 1 failure (keychain unavailable, refused URL), 2 usage error.\n";
}

} // namespace

int GoAuthCommand::run(CliContext &ctx)
{
    QStringList args = ctx.args;
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        printUsage(ctx.out);
        return Success;
    }
    if (args.size() > 1) {
        ctx.err << CliMessages::prefix(u"goauth"_s) << "expected at most one URL argument\n";
        return UsageError;
    }

    QStringList wanted = CredentialStore::knownHosts();
    if (!args.isEmpty()) {
        // go writes the failed response to stdin; read it so go never blocks on a full pipe.
        SecretInput::drainStdin();
        const Expected<QStringList> keys = GoAuthHelper::keysForRequestUrl(args.first());
        if (!keys) {
            ctx.err << CliMessages::prefix(u"goauth"_s) << keys.error().message << "\n";
            return Failure;
        }
        QStringList matching;
        for (const QString &k : *keys) {
            if (wanted.contains(k)) {
                matching.append(k);
                break; // the most specific key only
            }
        }
        wanted = matching;
    }

    // All requests first: a hung keychain then costs one timeout, not one per host.
    QList<std::pair<QString, QFuture<CredentialResult>>> pending;
    for (const QString &host : std::as_const(wanted))
        pending.append({host, CredentialStore::instance().read(host)});
    QByteArray answer;
    bool failed = false;
    for (auto &[host, future] : pending) {
        future.waitForFinished(); // the store's timeout guarantees an end
        CredentialResult r = future.resultCount() > 0 ? future.result() : CredentialResult();
        if (r.ok()) {
            const Expected<QByteArray> set = GoAuthHelper::credentialSet(host, r.credential);
            if (set)
                answer += *set;
            else
                ctx.err << CliMessages::prefix(u"goauth"_s) << host << ": " << set.error().message
                        << "\n";
        } else if (r.state != CredentialResult::State::NotFound) {
            ctx.err << CliMessages::prefix(u"goauth"_s) << r.error.toString() << "\n";
            failed = true;
        }
        r.credential.wipe();
    }
    // Written in one go, as raw bytes: go parses stdout strictly.
    std::fwrite(answer.constData(), 1, size_t(answer.size()), stdout);
    std::fflush(stdout);
    answer.fill('\0');
    return failed && answer.isEmpty() ? Failure : Success;
}

} // namespace mk::cli
