/* SPDX-License-Identifier: ISC */
/*
 * Hooks and checks: a shell command run in its own process group with a
 * timeout.  Its stdout goes to our stderr so that --json output on stdout
 * stays one document.  Neither inherits the variables that hold the
 * profile's secrets (passphrase_env, credentials_env, the AWS secret):
 * a check that prints its environment would put them into the journal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "restorable/util.h"

extern char **environ;

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

/* Does the NAME=VALUE entry e set one of names[0..n)? */
static bool
names_var(const char *e, const char *const *names, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		len = strlen(names[i]);
		if (strncmp(e, names[i], len) == 0 && e[len] == '=')
			return true;
	}
	return false;
}

/*
 * The child's environment, built before fork: ours without the secret
 * variables and without those extra sets, then extra (NULL-terminated
 * name, value pairs).  One allocation holds the pointers and the extra
 * strings; free(*out) releases it.
 */
static int
child_env(const struct rst_profile *p, char *const *extra, char ***out,
    struct rst_err *err)
{
	const char *names[16];
	size_t n = 0, nenv = 0, nextra = 0, bytes = 0, i, k = 0, a, b;
	char **envp, *pool;

	names[n++] = "AWS_SECRET_ACCESS_KEY";
	names[n++] = "AWS_SESSION_TOKEN";
	names[n++] = p != NULL ? p->passphrase_env : NULL;
	names[n++] = p != NULL ? p->repo.credentials_env : NULL;
	for (i = 0; extra != NULL && extra[i] != NULL && extra[i + 1] != NULL &&
	    n < sizeof(names) / sizeof(names[0]); i += 2) {
		names[n++] = extra[i];
		nextra++;
		bytes += strlen(extra[i]) + strlen(extra[i + 1]) + 2;
	}
	while (environ != NULL && environ[nenv] != NULL)
		nenv++;
	if ((envp = malloc((nenv + nextra + 1) * sizeof(*envp) + bytes)) ==
	    NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	pool = (char *)(envp + nenv + nextra + 1);
	for (i = 0; i < nenv; i++)
		if (!names_var(environ[i], names, n))
			envp[k++] = environ[i];
	for (i = 0; i < nextra; i++) {
		a = strlen(extra[2 * i]);
		b = strlen(extra[2 * i + 1]);
		envp[k++] = pool;
		memcpy(pool, extra[2 * i], a);
		pool[a] = '=';
		memcpy(pool + a + 1, extra[2 * i + 1], b + 1);
		pool += a + b + 2;
	}
	envp[k] = NULL;
	*out = envp;
	return 0;
}

/* hook_failed / hook_timeout naming the hook ("pre_backup hook": pre_backup). */
static void
hook_reason(struct rst_err *err, int code, const char *what, double num)
{
	char name[RST_REASON_TEXT];

	snprintf(name, sizeof(name), "%.*s", (int)strcspn(what, " "), what);
	rst_err_reason_sn(err, code, name, num);
}

/*
 * --progress=json: stderr carries JSON lines only, so the hook's output is
 * collected (its first 64 KiB) and logged line by line as messages.
 */
static int
hook_run_logged(const struct rst_profile *p, const char *what,
    const char *command, uint64_t timeout_ms, struct rst_err *err)
{
	struct rst_buf out = RST_BUF_INIT;
	char *line, *next;
	bool timed_out;
	int status = 0, r;

	r = rst_check_run(p, command, NULL, timeout_ms, &out, 64 * 1024,
	    &status, &timed_out, err);
	if (r == 0 && out.len > 0 && rst_buf_append(&out, "", 1) == 0)
		for (line = (char *)out.data; line != NULL; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			if (*line != '\0' || (next != NULL && *next != '\0'))
				rst_log_info("%s: %s", what, line);
		}
	rst_buf_release(&out);
	if (r != 0)
		return r;
	if (timed_out) {
		hook_reason(err, RST_REASON_HOOK_TIMEOUT, what,
		    (double)timeout_ms / 1000);
		return rst_errf(err, RST_ECHECK, "%s: timed out after %llu ms",
		    what, (unsigned long long)timeout_ms);
	}
	if (status != 0) {
		hook_reason(err, RST_REASON_HOOK_FAILED, what, status);
		return rst_errf(err, RST_ECHECK, "%s: exited with status %d",
		    what, status);
	}
	return 0;
}

int
rst_hook_run(const struct rst_profile *p, const char *what,
    const char *command, uint64_t timeout_ms, struct rst_err *err)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL }, **envp;
	int status = 0, r;
	pid_t pid;

	if (rst_log_json())
		return hook_run_logged(p, what, command, timeout_ms, err);

	if ((r = child_env(p, NULL, &envp, err)) != 0)
		return r;
	if ((pid = fork()) == -1) {
		free(envp);
		return rst_errno(err, RST_EINTERNAL, "%s: fork", what);
	}
	if (pid == 0) {
		setpgid(0, 0);
		if (dup2(STDERR_FILENO, STDOUT_FILENO) == -1)
			_exit(127);
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	free(envp);
	setpgid(pid, pid);
	if ((r = wait_timeout(pid, timeout_ms, &status)) == 1) {
		killpg(pid, SIGTERM);
		sleep(1);
		killpg(pid, SIGKILL);
		(void)waitpid(pid, &status, 0);
		hook_reason(err, RST_REASON_HOOK_TIMEOUT, what,
		    (double)timeout_ms / 1000);
		return rst_errf(err, RST_ECHECK, "%s: timed out after %llu ms",
		    what, (unsigned long long)timeout_ms);
	}
	if (r != 0)
		return rst_errno(err, RST_EINTERNAL, "%s: wait", what);
	if (WIFSIGNALED(status)) {
		hook_reason(err, RST_REASON_HOOK_FAILED, what,
		    128 + WTERMSIG(status));
		return rst_errf(err, RST_ECHECK, "%s: killed by signal %d",
		    what, WTERMSIG(status));
	}
	if (WEXITSTATUS(status) != 0) {
		hook_reason(err, RST_REASON_HOOK_FAILED, what,
		    WEXITSTATUS(status));
		return rst_errf(err, RST_ECHECK, "%s: exited with status %d",
		    what, WEXITSTATUS(status));
	}
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
child_exec(const char *command, char **envp, int wfd)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL };

	setpgid(0, 0);
	if (dup2(wfd, STDOUT_FILENO) == -1 || dup2(wfd, STDERR_FILENO) == -1)
		_exit(127);
	execve("/bin/sh", argv, envp);
	_exit(127);
}

int
rst_check_run(const struct rst_profile *p, const char *command,
    char *const *env, uint64_t timeout_ms, struct rst_buf *output, size_t max,
    int *status, bool *timed_out, struct rst_err *err)
{
	double deadline = rst_mono_seconds() + (double)timeout_ms / 1000.0;
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int fds[2], st = 0, r;
	char **envp;
	pid_t pid, w;

	*timed_out = false;
	if ((r = child_env(p, env, &envp, err)) != 0)
		return r;
	if (pipe2(fds, O_CLOEXEC) == -1) {
		free(envp);
		return rst_errno(err, RST_EINTERNAL, "pipe");
	}
	if ((pid = fork()) == -1) {
		free(envp);
		close(fds[0]);
		close(fds[1]);
		return rst_errno(err, RST_EINTERNAL, "fork");
	}
	if (pid == 0)
		child_exec(command, envp, fds[1]);
	free(envp);
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
