/* SPDX-License-Identifier: ISC */
/*
 * Hooks and checks: a shell command run in its own process group with a
 * timeout.  Its stdout goes to our stderr so that --json output on stdout
 * stays one document.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
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

/* Drain the child's output, keeping the first max bytes. */
static void
drain(int fd, struct rst_buf *out, size_t max)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return;
			return;
		}
		if (out->len < max &&
		    rst_buf_append(out, buf, (size_t)n > max - out->len ?
		    max - out->len : (size_t)n) != 0)
			return;
	}
}

static void
child_exec(const char *command, char *const *env, int wfd)
{
	size_t i;

	setpgid(0, 0);
	if (dup2(wfd, STDOUT_FILENO) == -1 || dup2(wfd, STDERR_FILENO) == -1)
		_exit(127);
	for (i = 0; env != NULL && env[i] != NULL && env[i + 1] != NULL; i += 2)
		if (setenv(env[i], env[i + 1], 1) != 0)
			_exit(127);
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	_exit(127);
}

int
rst_check_run(const char *command, char *const *env, uint64_t timeout_ms,
    struct rst_buf *output, size_t max, int *status, bool *timed_out,
    struct rst_err *err)
{
	double deadline = rst_mono_seconds() + (double)timeout_ms / 1000.0;
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int fds[2], st = 0;
	pid_t pid, w;

	*timed_out = false;
	if (pipe2(fds, O_CLOEXEC) == -1)
		return rst_errno(err, RST_EINTERNAL, "pipe");
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return rst_errno(err, RST_EINTERNAL, "fork");
	}
	if (pid == 0)
		child_exec(command, env, fds[1]);
	close(fds[1]);
	setpgid(pid, pid);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		drain(fds[0], output, max);
		if ((w = waitpid(pid, &st, WNOHANG)) == pid)
			break;
		if (rst_mono_seconds() >= deadline || rst_interrupted != 0) {
			*timed_out = true;
			killpg(pid, SIGTERM);
			nanosleep(&nap, NULL);
			killpg(pid, SIGKILL);
			(void)waitpid(pid, &st, 0);
			break;
		}
		nanosleep(&nap, NULL);
	}
	drain(fds[0], output, max);
	close(fds[0]);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return 0;
}
