// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli: the headless twin of the GUI. All the work is in the core library.
#include <QCoreApplication>

#include "cli/Cli.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ModKeeper"));
    QCoreApplication::setOrganizationName(QStringLiteral("ModKeeper"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODKEEPER_VERSION));
    return mk::cli::Cli::run(QCoreApplication::arguments());
}
