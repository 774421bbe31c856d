//! Test servers that die with the test process (SeaweedFS, PostgreSQL): they run under a `sh` wrapper that
//! reads a pipe from the test process and kills the server when the pipe closes, so even a server held by a
//! static that is never dropped leaves no process and no data behind.

/// `$1` is the server's temp dir, the rest runs the server. Kills it when stdin (a pipe from the test process)
/// closes, with SIGKILL: its data is thrown away, and `weed mini` was seen to ignore SIGTERM for minutes. Then
/// deletes the temp dir (hundreds of MiB after the large-blob tests).
pub const DIE_WITH_TEST: &str = r#"
dir=$1
shift
exec 3<&0 </dev/null
"$@" 3<&- &
server=$!
( read -r _ <&3; kill -KILL "$server" 2>/dev/null ) &
watch=$!
exec 3<&-
wait "$server"
rc=$?
kill "$watch" 2>/dev/null
rm -rf -- "$dir"
exit "$rc"
"#;
