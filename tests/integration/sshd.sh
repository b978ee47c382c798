# SPDX-License-Identifier: ISC
#
# An OpenSSH sshd for the SFTP tests, sourced after lib.sh (not a test of
# its own: run.sh runs only [0-9]*.sh):
#
#   sshd_setup [CONFIG-LINE...]  $T/ssh ($S) with a host key, a client key
#                                $T/client_ed25519 allowed to log in as
#                                $ME, $S/data, a config on port $SPORT
#                                (extra lines appended), $FP the host key's
#                                SHA256 fingerprint as ssh-keygen prints it
#   sshd_start                   start it on 127.0.0.1:$SPORT (PID in
#                                $SSHD_PID; stopped with its session
#                                processes when the test ends)

SSHD=/usr/sbin/sshd
[ -x "$SSHD" ] || skip "sshd is not installed (openssh-server)"
need ssh-keygen

sshd_setup() {
	local line
	S=$T/ssh
	mkdir -p "$S/data"
	ssh-keygen -q -t ed25519 -N '' -f "$S/host_ed25519" || fail "host key"
	ssh-keygen -q -t ed25519 -N '' -f "$T/client_ed25519" || fail "client key"
	cp "$T/client_ed25519.pub" "$S/authorized_keys"
	SPORT=$(free_port)
	ME=$(id -un)
	FP=$(ssh-keygen -lf "$S/host_ed25519.pub" | cut -d' ' -f2)
	{
		cat <<CONF
ListenAddress 127.0.0.1
Port $SPORT
HostKey $S/host_ed25519
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $ME
CONF
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$S/sshd_config"
	[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
	SSHD_PIDS=""
	at_exit 'for _p in $SSHD_PIDS; do kill_tree TERM "$_p"; wait "$_p" 2>/dev/null; done'
}

sshd_start() {
	"$SSHD" -D -e -f "$S/sshd_config" 2>>"$S/sshd.log" &
	SSHD_PID=$!
	SSHD_PIDS="$SSHD_PIDS $SSHD_PID"
	wait_port "$SPORT" || { cat "$S/sshd.log" >&2; fail "sshd did not start"; }
}
