// SPDX-License-Identifier: GPL-3.0-or-later
#include "OtherEntriesDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "CacheModel.h"
#include "DisplayFormat.h"
#include "OtherEntriesModel.h"
#include "purge/OtherRemover.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int listedEntries = 8; // paths named in a confirmation before "and N more"

QString introText(OtherKind kind)
{
    switch (kind) {
    case OtherKind::Vcs:
        return OtherEntriesDialog::tr(
            "Repositories go cloned under cache/vcs for direct fetches (GOPROXY=direct, "
            "GOPRIVATE). Removing one takes go's lock on the clone first; go clones it again "
            "when it needs it.");
    case OtherKind::Sumdb:
        return OtherEntriesDialog::tr(
            "What go cached from checksum databases (cache/download/sumdb). go fetches "
            "lookups and tiles again when it needs them; the tree it trusts is kept elsewhere.");
    case OtherKind::Metadata:
        return OtherEntriesDialog::tr(
            "go's own directories, version lists and lock files. They stay: go may hold them "
            "at any time and recreates them at once.");
    case OtherKind::Unknown:
        return OtherEntriesDialog::tr(
            "Entries go would not have written: stray files, undecodable names, leftover "
            "temporary directories, symbolic links. A symbolic link is removed itself, never "
            "what it points to.");
    case OtherKind::Trash:
        return OtherEntriesDialog::tr(
            "Trees ModKeeper moved aside while removing; they are deleted in the background.");
    case OtherKind::Toolchain:
        return OtherEntriesDialog::tr("Go toolchains are managed in Cache \u25b8 Toolchains\u2026");
    }
    return {};
}

} // namespace

OtherEntriesDialog::OtherEntriesDialog(OtherKind kind, const CacheModel *model, QWidget *parent)
    : QDialog(parent), m_kind(kind), m_model(model), m_entries(new OtherEntriesModel(this)),
      m_sorted(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_intro(new QLabel(this)), m_totals(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_remove(new QPushButton(tr("&Remove\u2026"), this)),
      m_emptyTrash(new QPushButton(tr("&Empty Trash Now"), this))
{
    setObjectName(u"otherEntriesDialog"_s);
    m_sorted->setSourceModel(m_entries);
    m_sorted->setSortRole(OtherEntriesModel::SortRole);
    m_view->setObjectName(u"otherEntriesView"_s);
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(OtherEntriesModel::SizeColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(OtherEntriesModel::PathColumn, 320);
    m_intro->setWordWrap(true);
    m_totals->setObjectName(u"otherEntriesTotals"_s);
    m_progress->setObjectName(u"otherEntriesProgress"_s);
    m_progress->hide();
    m_remove->setObjectName(u"otherRemoveButton"_s);
    m_emptyTrash->setObjectName(u"emptyTrashButton"_s);
    m_emptyTrash->setToolTip(tr("Delete everything in ModKeeper's trash now"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    buttons->addButton(m_emptyTrash, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &OtherEntriesDialog::confirmRemove);
    connect(m_emptyTrash, &QPushButton::clicked, this, &OtherEntriesDialog::emptyTrashRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OtherEntriesDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(760, 420);

    if (m_model)
        connect(m_model, &CacheModel::totalsChanged, this, &OtherEntriesDialog::reload);
    setKind(kind);
}

OtherEntriesDialog::~OtherEntriesDialog() = default;

QString OtherEntriesDialog::kindTitle(OtherKind kind)
{
    switch (kind) {
    case OtherKind::Vcs:
        return tr("VCS Clones");
    case OtherKind::Sumdb:
        return tr("Checksum Database");
    case OtherKind::Toolchain:
        return tr("Toolchains");
    case OtherKind::Metadata:
        return tr("Metadata");
    case OtherKind::Unknown:
        return tr("Unknown Entries");
    case OtherKind::Trash:
        return tr("Trash");
    }
    return {};
}

void OtherEntriesDialog::setKind(OtherKind kind)
{
    m_kind = kind;
    setWindowTitle(kindTitle(kind));
    m_intro->setText(introText(kind));
    m_emptyTrash->setVisible(kind == OtherKind::Trash);
    m_remove->setVisible(kind != OtherKind::Trash && kind != OtherKind::Metadata);
    reload();
}

void OtherEntriesDialog::reload()
{
    m_entries->setEntries(m_kind, m_model ? m_model->others() : QList<OtherEntry>());
    const quint64 n = quint64(m_entries->entries().size());
    const quint64 bytes = m_entries->totalBytes();
    const quint64 whole = m_model ? m_model->scanTotals().diskBytes : 0;
    m_totals->setText(tr("%1 \u00b7 %2 of %3 in the cache")
                          .arg(n == 1 ? tr("1 entry") : tr("%1 entries").arg(DisplayFormat::count(n)),
                               DisplayFormat::size(bytes), DisplayFormat::size(whole)));
    updateButtons();
}

QList<OtherEntry> OtherEntriesDialog::selectedEntries() const
{
    QList<OtherEntry> out;
    QModelIndexList rows = m_view->selectionModel()->selectedRows(0);
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : rows) {
        const int source = m_sorted->mapToSource(row).row();
        if (source >= 0 && source < m_entries->entries().size())
            out.append(m_entries->entries().at(source));
    }
    return out;
}

void OtherEntriesDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy)
        m_progress->setRange(0, 0);
    updateButtons();
}

void OtherEntriesDialog::setProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void OtherEntriesDialog::updateButtons()
{
    bool removable = false;
    const QList<OtherEntry> selected = selectedEntries();
    for (const OtherEntry &e : selected)
        removable = removable || OtherRemover::check(e).ok();
    m_remove->setEnabled(!m_busy && removable);
    m_remove->setToolTip(tr("Remove the selected entries from the module cache"));
    m_emptyTrash->setEnabled(!m_busy && !m_entries->entries().isEmpty());
}

void OtherEntriesDialog::confirmRemove()
{
    if (m_busy)
        return;
    QList<OtherEntry> entries;
    QStringList refused;
    for (const OtherEntry &e : selectedEntries()) {
        if (const Status st = OtherRemover::check(e); st)
            entries.append(e);
        else
            refused << st.error().toString();
    }
    if (entries.isEmpty())
        return;
    quint64 bytes = 0;
    QStringList paths;
    for (const OtherEntry &e : entries) {
        bytes += e.diskBytes;
        paths << e.path;
    }
    QStringList shown = paths.mid(0, listedEntries);
    if (paths.size() > listedEntries)
        shown << tr("and %1 more").arg(paths.size() - listedEntries);

    auto *box = new QMessageBox(this);
    box->setObjectName(u"otherRemoveConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Remove %1").arg(kindTitle(m_kind)));
    const quint64 n = quint64(entries.size());
    const QString size = DisplayFormat::size(bytes);
    box->setText(n == 1 ? tr("Remove 1 entry (%1) from the module cache? go fetches what it "
                             "needs again.")
                              .arg(size)
                        : tr("Remove %1 entries (%2) from the module cache? go fetches what it "
                             "needs again.")
                              .arg(DisplayFormat::count(n), size));
    QString info = shown.join(u'\n');
    if (!refused.isEmpty())
        info += u"\n\n"_s + tr("Left alone:\n%1").arg(refused.join(u'\n'));
    box->setInformativeText(info);
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmOtherRemoveButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(remove);
    connect(box, &QMessageBox::finished, this, [this, box, remove, entries](int) {
        if (box->clickedButton() == remove)
            Q_EMIT removeRequested(entries);
    });
    box->open();
}

} // namespace mk
