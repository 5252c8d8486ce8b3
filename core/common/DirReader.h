// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <type_traits>

#include <sys/types.h>

namespace mk {

/// What a directory entry is, from d_type (or lstat where the filesystem does not say).
/// Symlinks are never followed. Other is a fifo, socket or device: go's zip and dirhash
/// rules reject it like a symlink, the scanner lists it as unknown.
enum class EntryType : unsigned char {
    Directory,
    File, // regular file
    Symlink,
    Other,
    Unknown, // d_type was DT_UNKNOWN and the lstat fallback failed; errno says why
};

/// Reads the entries of one open directory without allocating per entry: on Linux
/// getdents64 into a buffer, elsewhere readdir. "." and ".." are skipped. Starts from the
/// first entry (it rewinds the descriptor). Not thread-safe; one reader per directory per
/// thread. Open directories with SafeFs (O_NOATIME), so listing them keeps their atime.
class DirReader final
{
public:
    static constexpr size_t BufferSize = 32 * 1024;

    /// Calls fn(const char *name, EntryType type) for every entry of dirFd (still owned by
    /// the caller); fn(const char *name) when the type is not wanted, which saves the lstat
    /// on filesystems without d_type. fn may return bool: false stops the walk. name is valid
    /// during the call only. Reentrant: fn may walk a subdirectory with forEachEntry; the
    /// buffers come from a per-thread stack, so a walk allocates nothing after its first use
    /// on a thread. Returns 0, or the errno of a failed read (entries before it were delivered).
    template<typename Fn>
    static int forEachEntry(int dirFd, Fn &&fn)
    {
        BufferLease lease;
        DirReader reader(dirFd, lease.data);
        while (const char *name = reader.next()) {
            if (!call(fn, name, reader))
                return 0;
        }
        return reader.error();
    }

    /// buffer must hold BufferSize bytes and outlive the reader. dirFd stays owned by the caller.
    DirReader(int dirFd, char *buffer);
    ~DirReader();
    DirReader(const DirReader &) = delete;
    DirReader &operator=(const DirReader &) = delete;

    /// The next entry name, or nullptr at the end or on error (then error() is non-zero).
    const char *next();
    /// The type of the entry next() returned last (an lstat when d_type is DT_UNKNOWN).
    [[nodiscard]] EntryType type() const;
    [[nodiscard]] int error() const { return m_error; }

    /// The type for a d_type value; for DT_UNKNOWN, lstat of name below dirFd.
    [[nodiscard]] static EntryType typeOf(int dirFd, const char *name, unsigned char dType);
    /// The fallback alone: lstat of name below dirFd (Unknown with errno set on failure).
    [[nodiscard]] static EntryType typeAt(int dirFd, const char *name);
    [[nodiscard]] static EntryType typeOfMode(mode_t mode);

private:
    template<typename Fn>
    static bool call(Fn &fn, const char *name, const DirReader &reader)
    {
        if constexpr (std::is_invocable_v<Fn &, const char *, EntryType>) {
            if constexpr (std::is_same_v<std::invoke_result_t<Fn &, const char *, EntryType>, bool>)
                return fn(name, reader.type());
            else
                fn(name, reader.type());
        } else {
            if constexpr (std::is_same_v<std::invoke_result_t<Fn &, const char *>, bool>)
                return fn(name);
            else
                fn(name);
        }
        return true;
    }

    // A BufferSize buffer from this thread's stack of them, one per nesting level.
    struct BufferLease
    {
        BufferLease();
        ~BufferLease();
        BufferLease(const BufferLease &) = delete;
        BufferLease &operator=(const BufferLease &) = delete;
        char *data;
    };

    int m_fd;
    char *m_buffer;
    long m_filled = 0;
    long m_pos = 0;
    int m_error = 0;
    const char *m_name = nullptr;
    unsigned char m_dType = 0;
    void *m_dir = nullptr; // DIR* where getdents64 is not available
};

} // namespace mk
