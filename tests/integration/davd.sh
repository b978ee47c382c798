# SPDX-License-Identifier: ISC
#
# nginx serving WebDAV over HTTPS for the WebDAV tests, sourced after
# lib.sh (not a test of its own: run.sh runs only [0-9]*.sh):
#
#   dav_setup   $T/web ($W): a throwaway CA ($W/ca.crt) and a server
#               certificate for 127.0.0.1 signed by it, the user "backup"
#               with the password $SECRET, collections under $W/dav, a
#               config on port $DAV_PORT; DAV_FULL_PUT_PATH=off makes
#               a PUT into a missing collection fail, as nginx's
#               default does; DAV_EXTRA holds more server directives
#   dav_start   start it (stopped when the test ends)

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DAVMOD=/usr/lib/nginx/modules/ngx_http_dav_ext_module.so
[ -x "$NGINX" ] || skip "nginx is not installed (nginx-light)"
[ -f "$DAVMOD" ] || skip "nginx dav-ext module is not installed (libnginx-mod-http-dav-ext)"
need openssl

dav_setup() {
	local user_line=""
	W=$T/web
	mkdir -p "$W/logs" "$W/tmp" "$W/dav"
	test_tls "$W"
	SECRET="dav-$(openssl rand -hex 8)"
	echo "backup:$(openssl passwd -apr1 "$SECRET")" >"$W/htpasswd"
	DAV_PORT=$(free_port)
	[ "$(id -u)" -eq 0 ] && user_line="user root;"
	cat >"$W/nginx.conf" <<CONF
load_module $DAVMOD;
$user_line
worker_processes 1;
pid $W/nginx.pid;
error_log $W/logs/error.log info;
events { worker_connections 64; }
http {
	access_log $W/logs/access.log;
	client_body_temp_path $W/tmp/body;
	proxy_temp_path $W/tmp/proxy;
	fastcgi_temp_path $W/tmp/fastcgi;
	uwsgi_temp_path $W/tmp/uwsgi;
	scgi_temp_path $W/tmp/scgi;
	server {
		listen 127.0.0.1:$DAV_PORT ssl;
		ssl_certificate $W/server.crt;
		ssl_certificate_key $W/server.key;
		root $W/dav;
		client_max_body_size 0;
		${DAV_EXTRA:-}
		location / {
			dav_methods PUT DELETE MKCOL COPY MOVE;
			dav_ext_methods PROPFIND OPTIONS;
			create_full_put_path ${DAV_FULL_PUT_PATH:-on};
			dav_access user:rw group:r all:r;
			auth_basic "backup";
			auth_basic_user_file $W/htpasswd;
		}
	}
}
CONF
}

dav_start() {
	"$NGINX" -e "$W/logs/stderr.log" -p "$W" -c "$W/nginx.conf" -g 'daemon off;' &
	DAV_PID=$!
	at_exit 'kill "$DAV_PID" 2>/dev/null; wait "$DAV_PID" 2>/dev/null'
	wait_port "$DAV_PORT" || { cat "$W/logs/"*.log >&2; fail "nginx did not start"; }
}
