// GNU and XSI system calls the Swift Glibc module does not export (it is built
// without _GNU_SOURCE): pseudo-terminals, close-on-exec pipes and sockets, peer
// credentials, closing descriptors in a spawned child.
#ifndef C_DEVICE_SUPPORT_H
#define C_DEVICE_SUPPORT_H

#include <spawn.h>
#include <sys/types.h>
#include <stddef.h>

/// Opens a pseudo-terminal master (close-on-exec, not our controlling tty), granted
/// and unlocked; writes the slave's path into `name`. Returns the fd or -1 (errno set).
int cds_open_pty_master(char *name, size_t name_size);

/// pipe2(fds, O_CLOEXEC).
int cds_pipe_cloexec(int fds[2]);

/// accept4(fd, NULL, NULL, SOCK_CLOEXEC).
int cds_accept_cloexec(int fd);

/// The user id of the process at the other end of a unix socket, or -1.
long cds_peer_uid(int fd);

/// posix_spawn_file_actions_addclosefrom_np (glibc >= 2.34).
int cds_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

/// POSIX_SPAWN_SETSID.
short cds_spawn_setsid_flag(void);

#endif
