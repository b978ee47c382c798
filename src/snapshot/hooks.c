/* SPDX-License-Identifier: ISC */
/*
 * Hooks and checks: a shell command run in its own process group with a
 * timeout.  Its stdout goes to our stderr so that --json output on stdout
 * stays one document.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "restorable/snapshot.h"
#include "restorable/util.h"

static int
wait_timeout(pid_t pid, uint64_t timeout_ms, int *status)
{
	double deadline = rst_mono_seconds() + (double)timeout_ms / 1000.0;
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	pid_t w;

	for (;;) {
		w = waitpid(pid, status, WNOHANG);
		if (w == pid)
			return 0;
		if (w == -1 && errno != EINTR)
			return -1;
		if (rst_mono_seconds() >= deadline)
			return 1;
		nanosleep(&nap, NULL);
	}
}

int
rst_hook_run(const char *what, const char *command, uint64_t timeout_ms,
    struct rst_err *err)
{
	int status = 0, r;
	pid_t pid;

	if ((pid = fork()) == -1)
		return rst_errno(err, RST_EINTERNAL, "%s: fork", what);
	if (pid == 0) {
		setpgid(0, 0);
		if (dup2(STDERR_FILENO, STDOUT_FILENO) == -1)
			_exit(127);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	if ((r = wait_timeout(pid, timeout_ms, &status)) == 1) {
		killpg(pid, SIGTERM);
		sleep(1);
		killpg(pid, SIGKILL);
		(void)waitpid(pid, &status, 0);
		return rst_errf(err, RST_ECHECK, "%s: timed out after %llu ms",
		    what, (unsigned long long)timeout_ms);
	}
	if (r != 0)
		return rst_errno(err, RST_EINTERNAL, "%s: wait", what);
	if (WIFSIGNALED(status))
		return rst_errf(err, RST_ECHECK, "%s: killed by signal %d",
		    what, WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return rst_errf(err, RST_ECHECK, "%s: exited with status %d",
		    what, WEXITSTATUS(status));
	return 0;
}
