// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: carrying modules between machines — Cache ▸ Export… (the selection as a static
// GOPROXY folder), Import… (such a folder into the cache, checked as a download) and Compare
// Mirrors… (the selection across GOPROXY mirrors).
#include "MainWindow.h"

#include <QAction>

#include "CacheModel.h"
#include "CompareMirrorsDialog.h"
#include "ExportDialog.h"
#include "ImportDialog.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createBundleActions()
{
    m_exportAction = new QAction(QIcon::fromTheme(u"document-export"_s), tr("E&xport\u2026"), this);
    m_exportAction->setObjectName(u"exportAction"_s);
    m_exportAction->setStatusTip(
        tr("Write the selected versions (all, if none is selected) as a GOPROXY folder that go "
           "reads offline or from a web server"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportSelection);

    m_importAction = new QAction(QIcon::fromTheme(u"document-import"_s), tr("&Import\u2026"), this);
    m_importAction->setObjectName(u"importAction"_s);
    m_importAction->setStatusTip(
        tr("Load an exported GOPROXY folder into the cache, checked as go checks a download"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::showImportDialog);

    m_compareMirrorsAction = new QAction(tr("Compare &Mirrors\u2026"), this);
    m_compareMirrorsAction->setObjectName(u"compareMirrorsAction"_s);
    m_compareMirrorsAction->setStatusTip(
        tr("Ask several GOPROXY mirrors for the selected versions and show where they disagree"));
    connect(m_compareMirrorsAction, &QAction::triggered, this,
            &MainWindow::compareMirrorsForSelection);
}

void MainWindow::exportSelection()
{
    QList<ModuleVersionRecord> versions = selectedVersions();
    if (versions.isEmpty())
        versions = m_model->allVersions();
    auto *dialog = new ExportDialog(m_cacheRoot, versions, m_env, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showImportDialog()
{
    auto *dialog = new ImportDialog(m_cacheRoot, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::cacheChanged, this, [this] {
        if (!isPurging())
            rescan();
    });
    dialog->show();
}

void MainWindow::compareMirrorsForSelection()
{
    QList<ModuleVersionRecord> records = selectedVersions();
    if (records.isEmpty())
        records = m_model->allVersions();
    QList<ProxyCompare::Version> versions;
    versions.reserve(records.size());
    for (const ModuleVersionRecord &r : std::as_const(records))
        versions.append({r.path, r.version});
    auto *dialog
        = new CompareMirrorsDialog(versions, CompareMirrorsDialog::presetProxies(), this);
    dialog->setChecksumDb(m_env);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace mk
