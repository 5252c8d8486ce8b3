// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "DisplayFormat.h"
#include "ToolchainController.h"
#include "ToolchainModel.h"
#include "ToolchainProjectRoots.h"

using namespace Qt::StringLiterals;

namespace mk {

ToolchainDialog::ToolchainDialog(const ToolchainLister::Options &base, int lockTimeoutMs,
                                 QWidget *parent)
    : QDialog(parent), m_base(base), m_lockTimeoutMs(lockTimeoutMs),
      m_roots(ToolchainProjectRoots::load()), m_controller(new ToolchainController(this)),
      m_model(new ToolchainModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"toolchainDialog"_s);
    setWindowTitle(tr("Go Toolchains"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ToolchainModel::SortRole);

    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new QTableView(this);
    m_view->setObjectName(u"toolchainView"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ToolchainModel::ToolchainColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_rootsLabel = new QLabel(this);
    m_rootsLabel->setObjectName(u"projectRootsLabel"_s);
    m_rootsLabel->setWordWrap(true);
    auto *addRootButton = new QPushButton(tr("Add Project Folder\u2026"), this);
    addRootButton->setToolTip(
        tr("Look for go.mod and go.work files with a toolchain line below this folder"));
    auto *clearRootsButton = new QPushButton(tr("Forget Folders"), this);
    auto *roots = new QHBoxLayout;
    roots->addWidget(m_rootsLabel, 1);
    roots->addWidget(addRootButton);
    roots->addWidget(clearRootsButton);

    m_status = new QLabel(this);
    m_status->setObjectName(u"toolchainStatus"_s);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    m_refreshButton->setObjectName(u"toolchainRefreshButton"_s);
    m_removeButton = buttons->addButton(tr("&Remove\u2026"), QDialogButtonBox::ActionRole);
    m_removeButton->setObjectName(u"toolchainRemoveButton"_s);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);
    layout->addLayout(roots);
    layout->addLayout(bottom);
    resize(760, 420);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refreshButton, &QPushButton::clicked, this, &ToolchainDialog::refresh);
    connect(m_removeButton, &QPushButton::clicked, this, &ToolchainDialog::removeSelected);
    connect(addRootButton, &QPushButton::clicked, this, &ToolchainDialog::addRoot);
    connect(clearRootsButton, &QPushButton::clicked, this, &ToolchainDialog::clearRoots);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ToolchainDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ToolchainDialog::updateButtons);
    connect(m_controller, &ToolchainController::busyChanged, this, [this](bool busy) {
        m_progress->setVisible(busy);
        if (busy)
            m_progress->setRange(0, 0);
        updateButtons();
    });
    connect(m_controller, &ToolchainController::progressChanged, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_controller, &ToolchainController::listingReady, this, &ToolchainDialog::onListing);
    connect(m_controller, &ToolchainController::removalFinished, this, &ToolchainDialog::onRemoval);

    updateRoots();
    updateButtons();
    refresh();
}

ToolchainDialog::~ToolchainDialog() = default;

ToolchainLister::Options ToolchainDialog::options() const
{
    ToolchainLister::Options o = m_base;
    o.projectRoots = m_roots;
    return o;
}

void ToolchainDialog::refresh()
{
    if (m_controller->refresh(options()))
        m_status->setText(tr("Looking for toolchains\u2026"));
}

void ToolchainDialog::onListing(const ToolchainListing &listing)
{
    m_model->setListing(listing);
    m_view->resizeColumnsToContents();
    quint64 total = 0;
    for (const ToolchainRecord &t : listing.toolchains)
        total += t.module.diskBytes;
    QString header = tr("Go toolchains that go downloaded into %1.").arg(listing.gomodcache);
    if (!listing.runningGoroot.isEmpty())
        header += u' ' + tr("The go that runs here: %1.").arg(listing.runningGoroot);
    else if (listing.runningError.isError())
        header
            += u' ' + tr("Cannot tell which go runs here: %1").arg(listing.runningError.toString());
    m_header->setText(header);
    if (listing.error.isError())
        m_status->setText(tr("Cannot read the module cache: %1").arg(listing.error.toString()));
    else if (listing.cancelled)
        m_status->setText(tr("Stopped."));
    else if (listing.toolchains.isEmpty())
        m_status->setText(tr("No Go toolchain in the module cache."));
    else
        m_status->setText(tr("%n toolchain(s), %1", nullptr, int(listing.toolchains.size()))
                              .arg(DisplayFormat::size(total)));
}

void ToolchainDialog::updateButtons()
{
    const bool busy = m_controller->isBusy();
    m_refreshButton->setEnabled(!busy);
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    bool running = false;
    for (const QModelIndex &i : rows)
        running = running || i.data(ToolchainModel::RunningRole).toBool();
    m_removeButton->setEnabled(!busy && !rows.isEmpty() && !running);
    if (running)
        m_removeButton->setToolTip(tr("This toolchain is the go that runs here (go env GOROOT), "
                                      "so it cannot be removed; switch GOTOOLCHAIN first"));
    else if (rows.isEmpty())
        m_removeButton->setToolTip(tr("Select the toolchains to remove"));
    else
        m_removeButton->setToolTip(tr("Remove the selected toolchains from the module cache"));
}

void ToolchainDialog::removeSelected()
{
    QStringList versions;
    QStringList names;
    QStringList needers;
    quint64 bytes = 0;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
        const ToolchainRecord *t = m_model->record(m_proxy->mapToSource(i).row());
        if (!t || t->running)
            return; // the button is disabled then; never offered
        versions << t->module.version;
        names << t->name.display();
        needers << t->neededBy;
        bytes += t->module.diskBytes;
    }
    if (versions.isEmpty())
        return;
    needers.removeDuplicates();

    auto *box = new QMessageBox(this);
    box->setObjectName(u"toolchainConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(needers.isEmpty() ? QMessageBox::Question : QMessageBox::Warning);
    box->setWindowTitle(tr("Remove Toolchains"));
    box->setText(tr("Remove %n toolchain(s) (%1) from the module cache? go downloads a "
                    "toolchain again when GOTOOLCHAIN or a project asks for it.",
                    nullptr, int(versions.size()))
                     .arg(DisplayFormat::size(bytes)));
    QString info = names.join(u'\n');
    if (!needers.isEmpty())
        info += u"\n\n"_s
                + tr("Named in the toolchain line of:\n%1\ngo will download it again there.")
                      .arg(needers.join(u'\n'));
    box->setInformativeText(info);
    QPushButton *remove = box->addButton(needers.isEmpty() ? tr("Remove") : tr("Remove Anyway"),
                                         QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmToolchainRemoveButton"_s);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(needers.isEmpty() ? remove : cancel); // a needed one: no by default
    const bool force = !needers.isEmpty(); // the user saw the projects and said yes
    connect(remove, &QPushButton::clicked, this, [this, versions, force] {
        ToolchainRemover::Options o;
        o.listing = options();
        o.lockTimeoutMs = m_lockTimeoutMs;
        o.force = force;
        if (m_controller->remove(o, versions))
            m_status->setText(tr("Removing\u2026"));
    });
    box->open();
}

void ToolchainDialog::onRemoval(const ToolchainRemoval &removal)
{
    if (removal.error.isError()) {
        if (removal.error.code != Error::Code::Cancelled) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Toolchain Not Removed"),
                                        tr("Nothing was removed."), QMessageBox::Ok, this);
            box->setObjectName(u"toolchainRefused"_s);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setInformativeText(removal.error.toString());
            box->open();
        }
        return;
    }
    QStringList failed;
    quint64 freed = 0;
    for (const PurgeItemResult &r : removal.results) {
        if (r.outcome == PurgeOutcome::Failed)
            failed << r.version + u": "_s + r.error.toString();
        else
            freed += r.bytes;
    }
    if (!failed.isEmpty()) {
        auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Some Toolchains Not Removed"),
            tr("%n toolchain(s) could not be removed.", nullptr, int(failed.size())),
            QMessageBox::Ok, this);
        box->setObjectName(u"toolchainFailures"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(failed.join(u'\n'));
        box->open();
    }
    if (freed > 0 || !removal.results.isEmpty())
        Q_EMIT toolchainsRemoved();
}

void ToolchainDialog::updateRoots()
{
    m_rootsLabel->setText(
        m_roots.isEmpty()
            ? tr("Projects: none chosen (add folders to see which toolchains they need)")
            : tr("Projects: %1").arg(m_roots.join(u", "_s)));
}

void ToolchainDialog::addRoot()
{
    auto *chooser = new QFileDialog(this, tr("Project Folder"), QDir::homePath());
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::Directory);
    chooser->setOption(QFileDialog::ShowDirsOnly);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &dir) {
        if (dir.isEmpty() || m_roots.contains(dir))
            return;
        m_roots << dir;
        ToolchainProjectRoots::save(m_roots);
        updateRoots();
        refresh();
        Q_EMIT projectRootsChanged();
    });
    chooser->open();
}

void ToolchainDialog::clearRoots()
{
    m_roots.clear();
    ToolchainProjectRoots::save(m_roots);
    updateRoots();
    refresh();
    Q_EMIT projectRootsChanged();
}

} // namespace mk
