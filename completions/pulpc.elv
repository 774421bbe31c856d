
use builtin;
use str;

set edit:completion:arg-completer[pulpc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pulpc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pulpc'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --username 'User name for pulpd, before the subcommand [default: profile''s, else admin]'
            cand --password 'Password for pulpd (give it before the subcommand)'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show pulpd''s versions, workers and storage (needs no credentials)'
            cand repository 'Create, list, show, update and delete container repositories'
            cand remote 'Create, list, show, update and delete container remotes (upstream registries)'
            cand distribution 'Create, list, show, update and delete distributions (where a repository is served)'
            cand namespace 'List, show and delete container namespaces (the first path segment of pushed images)'
            cand task 'List, show, wait for and cancel asynchronous tasks'
            cand user 'Create, list and delete pulpd''s user accounts (administrators only)'
            cand orphans 'Remove content no repository version references (administrators only)'
            cand login 'Check a password against pulpd and save it in the config file''s profile'
            cand logout 'Forget the password `pulpc login` saved (base URL and user name stay)'
            cand config 'Show or change pulpc''s settings (config file profiles)'
            cand completions 'Print a shell completion script on stdout'
            cand man 'Print the man page, or write one page per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;status'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create a repository'
            cand list 'List repositories (sync and push), newest first'
            cand show 'Show one repository'
            cand update 'Change a repository''s description, version retention or remote'
            cand delete 'Delete a repository and its versions'
            cand version 'Repository versions'
            cand sync 'Sync a repository from a remote, and print the repository version it made'
            cand content 'What a repository version holds'
            cand tag 'Point a tag of a push repository at a manifest, and print the version it made'
            cand untag 'Remove a tag from a push repository (its manifest stays), and print the version it made'
            cand remove-image 'Remove a manifest from a push repository, and print the version it made'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;repository;create'= {
            cand --name 'Name of the new repository (unique)'
            cand --description 'Free text describing the repository'
            cand --retain-repo-versions 'Keep only the newest N versions (default: keep all)'
            cand --remote 'Remote that `repository sync` uses when given none (name or href)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;list'= {
            cand --name 'Only the one with exactly this name'
            cand --name-contains 'Only those whose name contains TEXT (ignoring case)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;show'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;update'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --description 'New description'
            cand --retain-repo-versions 'Keep only the newest N versions'
            cand --remote 'Remote that `repository sync` uses when given none (name or href)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;delete'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;version'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the versions of a repository, newest first'
            cand show 'Show one version of a repository: its content summary'
            cand delete 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;repository;version;list'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;version;show'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --version 'Version number'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;version;delete'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --version 'Version number'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;version;help'= {
            cand list 'List the versions of a repository, newest first'
            cand show 'Show one version of a repository: its content summary'
            cand delete 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;repository;version;help;list'= {
        }
        &'pulpc;repository;version;help;show'= {
        }
        &'pulpc;repository;version;help;delete'= {
        }
        &'pulpc;repository;version;help;help'= {
        }
        &'pulpc;repository;sync'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --remote 'Remote to sync from (name or href) [default: the repository''s remote]'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --mirror 'Mirror the remote: the new version drops what the remote no longer has'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;content'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;repository;content;list'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --version 'Version number [default: the latest]'
            cand -t 'What to list'
            cand --type 'What to list'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;content;help'= {
            cand list 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;repository;content;help;list'= {
        }
        &'pulpc;repository;content;help;help'= {
        }
        &'pulpc;repository;tag'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --tag 'Tag to set'
            cand --digest 'Digest of a manifest in the repository''s latest version (sha256:…)'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;untag'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --tag 'Tag to remove'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;remove-image'= {
            cand --name 'Name of the repository'
            cand --repository 'Name of the repository'
            cand --href 'Href of the repository (its UUID alone works too)'
            cand --digest 'Digest of the manifest to remove (sha256:…)'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;repository;help'= {
            cand create 'Create a repository'
            cand list 'List repositories (sync and push), newest first'
            cand show 'Show one repository'
            cand update 'Change a repository''s description, version retention or remote'
            cand delete 'Delete a repository and its versions'
            cand version 'Repository versions'
            cand sync 'Sync a repository from a remote, and print the repository version it made'
            cand content 'What a repository version holds'
            cand tag 'Point a tag of a push repository at a manifest, and print the version it made'
            cand untag 'Remove a tag from a push repository (its manifest stays), and print the version it made'
            cand remove-image 'Remove a manifest from a push repository, and print the version it made'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;repository;help;create'= {
        }
        &'pulpc;repository;help;list'= {
        }
        &'pulpc;repository;help;show'= {
        }
        &'pulpc;repository;help;update'= {
        }
        &'pulpc;repository;help;delete'= {
        }
        &'pulpc;repository;help;version'= {
            cand list 'List the versions of a repository, newest first'
            cand show 'Show one version of a repository: its content summary'
            cand delete 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup'
        }
        &'pulpc;repository;help;version;list'= {
        }
        &'pulpc;repository;help;version;show'= {
        }
        &'pulpc;repository;help;version;delete'= {
        }
        &'pulpc;repository;help;sync'= {
        }
        &'pulpc;repository;help;content'= {
            cand list 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs'
        }
        &'pulpc;repository;help;content;list'= {
        }
        &'pulpc;repository;help;tag'= {
        }
        &'pulpc;repository;help;untag'= {
        }
        &'pulpc;repository;help;remove-image'= {
        }
        &'pulpc;repository;help;help'= {
        }
        &'pulpc;remote'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create a container remote'
            cand list 'List remotes, newest first'
            cand show 'Show one remote'
            cand update 'Change a remote''s settings'
            cand delete 'Delete a remote'
            cand pull-through 'Pull-through remotes: upstream registries fetched from on demand'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;remote;create'= {
            cand --name 'Name of the new remote (unique)'
            cand --url 'URL of the upstream registry (e.g. https://registry-1.docker.io)'
            cand --upstream-name 'Repository name on the upstream registry (e.g. library/busybox)'
            cand --policy 'When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)'
            cand --include-tags 'Sync only these tags (comma-separated, wildcards allowed)'
            cand --exclude-tags 'Skip these tags (comma-separated, wildcards allowed)'
            cand --download-concurrency 'How many downloads to run at once'
            cand --username 'User name for the upstream registry (not for pulpd)'
            cand --password 'Password for the upstream registry (not for pulpd)'
            cand --tls-validation 'Whether to verify the upstream''s TLS certificate (true/false)'
            cand --proxy-url 'HTTP proxy to reach the upstream through'
            cand --upstream-ca-cert 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)'
            cand --client-cert 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)'
            cand --client-key 'PEM file of the client certificate''s private key (stored write-only: never shown)'
            cand --max-retries 'Retries of a failed upstream request (connection errors, 5xx, 429)'
            cand --connect-timeout 'Seconds allowed to connect to the upstream'
            cand --total-timeout 'Seconds allowed for a whole upstream request, download included'
            cand --header 'Extra header for every upstream request (repeatable); replaces the remote''s headers'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;list'= {
            cand --name 'Only the one with exactly this name'
            cand --name-contains 'Only those whose name contains TEXT (ignoring case)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;show'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;update'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --url 'New URL of the upstream registry'
            cand --upstream-name 'New repository name on the upstream registry'
            cand --policy 'When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)'
            cand --include-tags 'Sync only these tags (comma-separated, wildcards allowed)'
            cand --exclude-tags 'Skip these tags (comma-separated, wildcards allowed)'
            cand --download-concurrency 'How many downloads to run at once'
            cand --username 'User name for the upstream registry (not for pulpd)'
            cand --password 'Password for the upstream registry (not for pulpd)'
            cand --tls-validation 'Whether to verify the upstream''s TLS certificate (true/false)'
            cand --proxy-url 'HTTP proxy to reach the upstream through'
            cand --upstream-ca-cert 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)'
            cand --client-cert 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)'
            cand --client-key 'PEM file of the client certificate''s private key (stored write-only: never shown)'
            cand --max-retries 'Retries of a failed upstream request (connection errors, 5xx, 429)'
            cand --connect-timeout 'Seconds allowed to connect to the upstream'
            cand --total-timeout 'Seconds allowed for a whole upstream request, download included'
            cand --header 'Extra header for every upstream request (repeatable); replaces the remote''s headers'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;delete'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;pull-through'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create a pull-through remote'
            cand list 'List pull-through remotes, newest first'
            cand show 'Show one pull-through remote'
            cand update 'Change a pull-through remote''s settings'
            cand delete 'Delete a pull-through remote (refused while a pull-through distribution uses it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;remote;pull-through;create'= {
            cand --name 'Name of the new remote (unique)'
            cand --url 'URL of the upstream registry (e.g. https://registry-1.docker.io)'
            cand --includes 'Only these upstream repositories (comma-separated patterns, e.g. library/*)'
            cand --excludes 'These upstream repositories may not be pulled (comma-separated patterns)'
            cand --cache-max-size 'Most bytes the cache keeps (e.g. 100MiB, 20GB, 5000000); the least recently pulled images are evicted first; `none` removes the cap'
            cand --cache-max-age 'Evict images not pulled for this long (e.g. 3600, 90m, 12h, 30d); `none` keeps them however old'
            cand --username 'User name for the upstream registry (not for pulpd)'
            cand --password 'Password for the upstream registry (not for pulpd)'
            cand --tls-validation 'Whether to verify the upstream''s TLS certificate (true/false)'
            cand --proxy-url 'HTTP proxy to reach the upstream through'
            cand --upstream-ca-cert 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)'
            cand --client-cert 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)'
            cand --client-key 'PEM file of the client certificate''s private key (stored write-only: never shown)'
            cand --max-retries 'Retries of a failed upstream request (connection errors, 5xx, 429)'
            cand --connect-timeout 'Seconds allowed to connect to the upstream'
            cand --total-timeout 'Seconds allowed for a whole upstream request, download included'
            cand --header 'Extra header for every upstream request (repeatable); replaces the remote''s headers'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;pull-through;list'= {
            cand --name 'Only the one with exactly this name'
            cand --name-contains 'Only those whose name contains TEXT (ignoring case)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;pull-through;show'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;pull-through;update'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --url 'New URL of the upstream registry'
            cand --includes 'Only these upstream repositories (comma-separated patterns, e.g. library/*)'
            cand --excludes 'These upstream repositories may not be pulled (comma-separated patterns)'
            cand --cache-max-size 'Most bytes the cache keeps (e.g. 100MiB, 20GB, 5000000); the least recently pulled images are evicted first; `none` removes the cap'
            cand --cache-max-age 'Evict images not pulled for this long (e.g. 3600, 90m, 12h, 30d); `none` keeps them however old'
            cand --username 'User name for the upstream registry (not for pulpd)'
            cand --password 'Password for the upstream registry (not for pulpd)'
            cand --tls-validation 'Whether to verify the upstream''s TLS certificate (true/false)'
            cand --proxy-url 'HTTP proxy to reach the upstream through'
            cand --upstream-ca-cert 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)'
            cand --client-cert 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)'
            cand --client-key 'PEM file of the client certificate''s private key (stored write-only: never shown)'
            cand --max-retries 'Retries of a failed upstream request (connection errors, 5xx, 429)'
            cand --connect-timeout 'Seconds allowed to connect to the upstream'
            cand --total-timeout 'Seconds allowed for a whole upstream request, download included'
            cand --header 'Extra header for every upstream request (repeatable); replaces the remote''s headers'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;pull-through;delete'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;remote;pull-through;help'= {
            cand create 'Create a pull-through remote'
            cand list 'List pull-through remotes, newest first'
            cand show 'Show one pull-through remote'
            cand update 'Change a pull-through remote''s settings'
            cand delete 'Delete a pull-through remote (refused while a pull-through distribution uses it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;remote;pull-through;help;create'= {
        }
        &'pulpc;remote;pull-through;help;list'= {
        }
        &'pulpc;remote;pull-through;help;show'= {
        }
        &'pulpc;remote;pull-through;help;update'= {
        }
        &'pulpc;remote;pull-through;help;delete'= {
        }
        &'pulpc;remote;pull-through;help;help'= {
        }
        &'pulpc;remote;help'= {
            cand create 'Create a container remote'
            cand list 'List remotes, newest first'
            cand show 'Show one remote'
            cand update 'Change a remote''s settings'
            cand delete 'Delete a remote'
            cand pull-through 'Pull-through remotes: upstream registries fetched from on demand'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;remote;help;create'= {
        }
        &'pulpc;remote;help;list'= {
        }
        &'pulpc;remote;help;show'= {
        }
        &'pulpc;remote;help;update'= {
        }
        &'pulpc;remote;help;delete'= {
        }
        &'pulpc;remote;help;pull-through'= {
            cand create 'Create a pull-through remote'
            cand list 'List pull-through remotes, newest first'
            cand show 'Show one pull-through remote'
            cand update 'Change a pull-through remote''s settings'
            cand delete 'Delete a pull-through remote (refused while a pull-through distribution uses it)'
        }
        &'pulpc;remote;help;pull-through;create'= {
        }
        &'pulpc;remote;help;pull-through;list'= {
        }
        &'pulpc;remote;help;pull-through;show'= {
        }
        &'pulpc;remote;help;pull-through;update'= {
        }
        &'pulpc;remote;help;pull-through;delete'= {
        }
        &'pulpc;remote;help;help'= {
        }
        &'pulpc;distribution'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Serve a repository (or one of its versions) at a base path, and print the new distribution'
            cand list 'List distributions, newest first'
            cand show 'Show one distribution'
            cand update 'Change what a distribution serves, where, or to whom, and print it'
            cand delete 'Delete a distribution (its repository stays)'
            cand registry-path 'Print only a distribution''s registry path, e.g. `localhost:24817/test`'
            cand pull-through 'Pull-through distributions: serve upstream repositories, fetched on first pull'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;distribution;create'= {
            cand --name 'Name of the new distribution (unique)'
            cand --base-path 'Path under the registry host where the content is served (unique), e.g. `test` for localhost:24817/test'
            cand --repository 'Serve the latest version of this repository (name or href)'
            cand --version 'Serve version N of --repository instead of its latest version'
            cand --repository-version 'Serve this repository version (href)'
            cand --description 'Free text describing the distribution'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --private 'Require authentication to pull'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;list'= {
            cand --name 'Only the one with exactly this name'
            cand --name-contains 'Only those whose name contains TEXT (ignoring case)'
            cand --base-path 'Only the one served at exactly this base path'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;show'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;update'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-path 'New base path'
            cand --repository 'Serve the latest version of this repository (name or href) from now on'
            cand --version 'Serve version N of --repository instead of its latest version'
            cand --repository-version 'Serve this repository version (href) from now on'
            cand --private 'Whether pulling requires authentication (true/false)'
            cand --description 'New description'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;delete'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;registry-path'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;pull-through'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Serve a pull-through remote''s repositories under a base path'
            cand list 'List pull-through distributions, newest first'
            cand show 'Show one pull-through distribution'
            cand update 'Change a pull-through distribution, and print it'
            cand delete 'Delete a pull-through distribution (its remote stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;distribution;pull-through;create'= {
            cand --name 'Name of the new distribution (unique)'
            cand --base-path 'Base path below which upstream repositories are served (unique)'
            cand --remote 'Pull-through remote to fetch from (name or href)'
            cand --description 'Free text describing the distribution'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --private 'Require authentication to pull'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;pull-through;list'= {
            cand --name 'Only the one with exactly this name'
            cand --name-contains 'Only those whose name contains TEXT (ignoring case)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;pull-through;show'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;pull-through;update'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-path 'New base path'
            cand --remote 'Fetch from this pull-through remote (name or href) from now on'
            cand --private 'Whether pulling requires authentication (true/false)'
            cand --description 'New description'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;pull-through;delete'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;distribution;pull-through;help'= {
            cand create 'Serve a pull-through remote''s repositories under a base path'
            cand list 'List pull-through distributions, newest first'
            cand show 'Show one pull-through distribution'
            cand update 'Change a pull-through distribution, and print it'
            cand delete 'Delete a pull-through distribution (its remote stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;distribution;pull-through;help;create'= {
        }
        &'pulpc;distribution;pull-through;help;list'= {
        }
        &'pulpc;distribution;pull-through;help;show'= {
        }
        &'pulpc;distribution;pull-through;help;update'= {
        }
        &'pulpc;distribution;pull-through;help;delete'= {
        }
        &'pulpc;distribution;pull-through;help;help'= {
        }
        &'pulpc;distribution;help'= {
            cand create 'Serve a repository (or one of its versions) at a base path, and print the new distribution'
            cand list 'List distributions, newest first'
            cand show 'Show one distribution'
            cand update 'Change what a distribution serves, where, or to whom, and print it'
            cand delete 'Delete a distribution (its repository stays)'
            cand registry-path 'Print only a distribution''s registry path, e.g. `localhost:24817/test`'
            cand pull-through 'Pull-through distributions: serve upstream repositories, fetched on first pull'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;distribution;help;create'= {
        }
        &'pulpc;distribution;help;list'= {
        }
        &'pulpc;distribution;help;show'= {
        }
        &'pulpc;distribution;help;update'= {
        }
        &'pulpc;distribution;help;delete'= {
        }
        &'pulpc;distribution;help;registry-path'= {
        }
        &'pulpc;distribution;help;pull-through'= {
            cand create 'Serve a pull-through remote''s repositories under a base path'
            cand list 'List pull-through distributions, newest first'
            cand show 'Show one pull-through distribution'
            cand update 'Change a pull-through distribution, and print it'
            cand delete 'Delete a pull-through distribution (its remote stays)'
        }
        &'pulpc;distribution;help;pull-through;create'= {
        }
        &'pulpc;distribution;help;pull-through;list'= {
        }
        &'pulpc;distribution;help;pull-through;show'= {
        }
        &'pulpc;distribution;help;pull-through;update'= {
        }
        &'pulpc;distribution;help;pull-through;delete'= {
        }
        &'pulpc;distribution;help;help'= {
        }
        &'pulpc;namespace'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List namespaces, newest first'
            cand show 'Show one namespace'
            cand delete 'Delete a namespace with its push repositories and their distributions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;namespace;list'= {
            cand --name 'Only the one with exactly this name'
            cand --name-contains 'Only those whose name contains TEXT (ignoring case)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;namespace;show'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;namespace;delete'= {
            cand --name 'Name of the resource'
            cand --href 'Href of the resource (its UUID alone works too)'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;namespace;help'= {
            cand list 'List namespaces, newest first'
            cand show 'Show one namespace'
            cand delete 'Delete a namespace with its push repositories and their distributions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;namespace;help;list'= {
        }
        &'pulpc;namespace;help;show'= {
        }
        &'pulpc;namespace;help;delete'= {
        }
        &'pulpc;namespace;help;help'= {
        }
        &'pulpc;task'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List tasks, newest first'
            cand show 'Show one task'
            cand wait 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout'
            cand cancel 'Ask pulpd to cancel a waiting or running task, and print it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;task;list'= {
            cand --state 'Only tasks in this state'
            cand --name 'Only tasks with this name (e.g. pulpcore.app.tasks.base.general_create)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;task;show'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;task;wait'= {
            cand --timeout 'Give up after SECS seconds (exit code 3); 0 checks once'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;task;cancel'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;task;help'= {
            cand list 'List tasks, newest first'
            cand show 'Show one task'
            cand wait 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout'
            cand cancel 'Ask pulpd to cancel a waiting or running task, and print it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;task;help;list'= {
        }
        &'pulpc;task;help;show'= {
        }
        &'pulpc;task;help;wait'= {
        }
        &'pulpc;task;help;cancel'= {
        }
        &'pulpc;task;help;help'= {
        }
        &'pulpc;user'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create a user, and print it'
            cand list 'List users, by user name'
            cand delete 'Delete a user (the built-in admin cannot be deleted)'
            cand role-assignment 'Give, take and list a user''s roles (as pulp-cli''s `user role-assignment`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;user;create'= {
            cand --username 'Login name of the new user (unique)'
            cand --password 'Password of the new user (visible in the process list; prefer --password-stdin)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --password-stdin 'Read the new user''s password from the first line of stdin'
            cand --staff 'Make the user an administrator (may manage users)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;user;list'= {
            cand --username-contains 'Only those whose user name contains TEXT (ignoring case)'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;user;delete'= {
            cand --username 'User name of the user to delete'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;user;role-assignment'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the roles a user holds'
            cand add 'Give a user a role on an object, or on every object of the role''s model'
            cand remove 'Take a role from a user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;user;role-assignment;list'= {
            cand --username 'The user'
            cand --role 'Only this role'
            cand --limit 'Show at most N entries'
            cand --offset 'Skip the first N entries (newest first)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --all 'Show every entry: follow the pages of the list (--limit is then the page size)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;user;role-assignment;add'= {
            cand --username 'The user'
            cand --role 'The role, e.g. container.containerdistribution_consumer'
            cand --object 'The object''s href; "" for every object of the role''s model'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;user;role-assignment;remove'= {
            cand --username 'The user'
            cand --role 'The role'
            cand --object 'The object''s href the role was given on; "" for a model-wide role'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;user;role-assignment;help'= {
            cand list 'List the roles a user holds'
            cand add 'Give a user a role on an object, or on every object of the role''s model'
            cand remove 'Take a role from a user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;user;role-assignment;help;list'= {
        }
        &'pulpc;user;role-assignment;help;add'= {
        }
        &'pulpc;user;role-assignment;help;remove'= {
        }
        &'pulpc;user;role-assignment;help;help'= {
        }
        &'pulpc;user;help'= {
            cand create 'Create a user, and print it'
            cand list 'List users, by user name'
            cand delete 'Delete a user (the built-in admin cannot be deleted)'
            cand role-assignment 'Give, take and list a user''s roles (as pulp-cli''s `user role-assignment`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;user;help;create'= {
        }
        &'pulpc;user;help;list'= {
        }
        &'pulpc;user;help;delete'= {
        }
        &'pulpc;user;help;role-assignment'= {
            cand list 'List the roles a user holds'
            cand add 'Give a user a role on an object, or on every object of the role''s model'
            cand remove 'Take a role from a user'
        }
        &'pulpc;user;help;role-assignment;list'= {
        }
        &'pulpc;user;help;role-assignment;add'= {
        }
        &'pulpc;user;help;role-assignment;remove'= {
        }
        &'pulpc;user;help;help'= {
        }
        &'pulpc;orphans'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand cleanup 'Remove manifests and blobs no repository version references, and their files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;orphans;cleanup'= {
            cand --protection-time 'Keep content written less than MIN minutes ago [default: pulpd''s, one day]'
            cand --timeout 'Give up waiting after SECS seconds (exit code 3; the task goes on)'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --no-wait 'Print the task''s href and return at once instead of waiting for the task'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;orphans;help'= {
            cand cleanup 'Remove manifests and blobs no repository version references, and their files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;orphans;help;cleanup'= {
        }
        &'pulpc;orphans;help;help'= {
        }
        &'pulpc;login'= {
            cand --username 'User to log in as [default: the profile''s, else admin]'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand --password-stdin 'Read the password from the first line of stdin (for scripts)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;logout'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;config'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show the settings in effect and where each comes from (passwords masked)'
            cand set 'Set one setting of a profile in the config file (--profile, else `default`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;config;show'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;config;set'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;config;help'= {
            cand show 'Show the settings in effect and where each comes from (passwords masked)'
            cand set 'Set one setting of a profile in the config file (--profile, else `default`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;config;help;show'= {
        }
        &'pulpc;config;help;set'= {
        }
        &'pulpc;config;help;help'= {
        }
        &'pulpc;completions'= {
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;man'= {
            cand --out 'Write pulpc.1, pulpc-distribution.1, pulpc-distribution-create.1, … into DIR'
            cand --base-url 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]'
            cand --profile 'Profile of the config file to use [default: default]'
            cand --ca-cert 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]'
            cand --format 'Output format of the data printed on stdout'
            cand --color 'When to use colors in tables and messages (NO_COLOR also turns them off)'
            cand -v 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand --verbose 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
            cand -q 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand --quiet 'Print no progress spinner and no notes on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'pulpc;help'= {
            cand status 'Show pulpd''s versions, workers and storage (needs no credentials)'
            cand repository 'Create, list, show, update and delete container repositories'
            cand remote 'Create, list, show, update and delete container remotes (upstream registries)'
            cand distribution 'Create, list, show, update and delete distributions (where a repository is served)'
            cand namespace 'List, show and delete container namespaces (the first path segment of pushed images)'
            cand task 'List, show, wait for and cancel asynchronous tasks'
            cand user 'Create, list and delete pulpd''s user accounts (administrators only)'
            cand orphans 'Remove content no repository version references (administrators only)'
            cand login 'Check a password against pulpd and save it in the config file''s profile'
            cand logout 'Forget the password `pulpc login` saved (base URL and user name stay)'
            cand config 'Show or change pulpc''s settings (config file profiles)'
            cand completions 'Print a shell completion script on stdout'
            cand man 'Print the man page, or write one page per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pulpc;help;status'= {
        }
        &'pulpc;help;repository'= {
            cand create 'Create a repository'
            cand list 'List repositories (sync and push), newest first'
            cand show 'Show one repository'
            cand update 'Change a repository''s description, version retention or remote'
            cand delete 'Delete a repository and its versions'
            cand version 'Repository versions'
            cand sync 'Sync a repository from a remote, and print the repository version it made'
            cand content 'What a repository version holds'
            cand tag 'Point a tag of a push repository at a manifest, and print the version it made'
            cand untag 'Remove a tag from a push repository (its manifest stays), and print the version it made'
            cand remove-image 'Remove a manifest from a push repository, and print the version it made'
        }
        &'pulpc;help;repository;create'= {
        }
        &'pulpc;help;repository;list'= {
        }
        &'pulpc;help;repository;show'= {
        }
        &'pulpc;help;repository;update'= {
        }
        &'pulpc;help;repository;delete'= {
        }
        &'pulpc;help;repository;version'= {
            cand list 'List the versions of a repository, newest first'
            cand show 'Show one version of a repository: its content summary'
            cand delete 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup'
        }
        &'pulpc;help;repository;version;list'= {
        }
        &'pulpc;help;repository;version;show'= {
        }
        &'pulpc;help;repository;version;delete'= {
        }
        &'pulpc;help;repository;sync'= {
        }
        &'pulpc;help;repository;content'= {
            cand list 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs'
        }
        &'pulpc;help;repository;content;list'= {
        }
        &'pulpc;help;repository;tag'= {
        }
        &'pulpc;help;repository;untag'= {
        }
        &'pulpc;help;repository;remove-image'= {
        }
        &'pulpc;help;remote'= {
            cand create 'Create a container remote'
            cand list 'List remotes, newest first'
            cand show 'Show one remote'
            cand update 'Change a remote''s settings'
            cand delete 'Delete a remote'
            cand pull-through 'Pull-through remotes: upstream registries fetched from on demand'
        }
        &'pulpc;help;remote;create'= {
        }
        &'pulpc;help;remote;list'= {
        }
        &'pulpc;help;remote;show'= {
        }
        &'pulpc;help;remote;update'= {
        }
        &'pulpc;help;remote;delete'= {
        }
        &'pulpc;help;remote;pull-through'= {
            cand create 'Create a pull-through remote'
            cand list 'List pull-through remotes, newest first'
            cand show 'Show one pull-through remote'
            cand update 'Change a pull-through remote''s settings'
            cand delete 'Delete a pull-through remote (refused while a pull-through distribution uses it)'
        }
        &'pulpc;help;remote;pull-through;create'= {
        }
        &'pulpc;help;remote;pull-through;list'= {
        }
        &'pulpc;help;remote;pull-through;show'= {
        }
        &'pulpc;help;remote;pull-through;update'= {
        }
        &'pulpc;help;remote;pull-through;delete'= {
        }
        &'pulpc;help;distribution'= {
            cand create 'Serve a repository (or one of its versions) at a base path, and print the new distribution'
            cand list 'List distributions, newest first'
            cand show 'Show one distribution'
            cand update 'Change what a distribution serves, where, or to whom, and print it'
            cand delete 'Delete a distribution (its repository stays)'
            cand registry-path 'Print only a distribution''s registry path, e.g. `localhost:24817/test`'
            cand pull-through 'Pull-through distributions: serve upstream repositories, fetched on first pull'
        }
        &'pulpc;help;distribution;create'= {
        }
        &'pulpc;help;distribution;list'= {
        }
        &'pulpc;help;distribution;show'= {
        }
        &'pulpc;help;distribution;update'= {
        }
        &'pulpc;help;distribution;delete'= {
        }
        &'pulpc;help;distribution;registry-path'= {
        }
        &'pulpc;help;distribution;pull-through'= {
            cand create 'Serve a pull-through remote''s repositories under a base path'
            cand list 'List pull-through distributions, newest first'
            cand show 'Show one pull-through distribution'
            cand update 'Change a pull-through distribution, and print it'
            cand delete 'Delete a pull-through distribution (its remote stays)'
        }
        &'pulpc;help;distribution;pull-through;create'= {
        }
        &'pulpc;help;distribution;pull-through;list'= {
        }
        &'pulpc;help;distribution;pull-through;show'= {
        }
        &'pulpc;help;distribution;pull-through;update'= {
        }
        &'pulpc;help;distribution;pull-through;delete'= {
        }
        &'pulpc;help;namespace'= {
            cand list 'List namespaces, newest first'
            cand show 'Show one namespace'
            cand delete 'Delete a namespace with its push repositories and their distributions'
        }
        &'pulpc;help;namespace;list'= {
        }
        &'pulpc;help;namespace;show'= {
        }
        &'pulpc;help;namespace;delete'= {
        }
        &'pulpc;help;task'= {
            cand list 'List tasks, newest first'
            cand show 'Show one task'
            cand wait 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout'
            cand cancel 'Ask pulpd to cancel a waiting or running task, and print it'
        }
        &'pulpc;help;task;list'= {
        }
        &'pulpc;help;task;show'= {
        }
        &'pulpc;help;task;wait'= {
        }
        &'pulpc;help;task;cancel'= {
        }
        &'pulpc;help;user'= {
            cand create 'Create a user, and print it'
            cand list 'List users, by user name'
            cand delete 'Delete a user (the built-in admin cannot be deleted)'
            cand role-assignment 'Give, take and list a user''s roles (as pulp-cli''s `user role-assignment`)'
        }
        &'pulpc;help;user;create'= {
        }
        &'pulpc;help;user;list'= {
        }
        &'pulpc;help;user;delete'= {
        }
        &'pulpc;help;user;role-assignment'= {
            cand list 'List the roles a user holds'
            cand add 'Give a user a role on an object, or on every object of the role''s model'
            cand remove 'Take a role from a user'
        }
        &'pulpc;help;user;role-assignment;list'= {
        }
        &'pulpc;help;user;role-assignment;add'= {
        }
        &'pulpc;help;user;role-assignment;remove'= {
        }
        &'pulpc;help;orphans'= {
            cand cleanup 'Remove manifests and blobs no repository version references, and their files'
        }
        &'pulpc;help;orphans;cleanup'= {
        }
        &'pulpc;help;login'= {
        }
        &'pulpc;help;logout'= {
        }
        &'pulpc;help;config'= {
            cand show 'Show the settings in effect and where each comes from (passwords masked)'
            cand set 'Set one setting of a profile in the config file (--profile, else `default`)'
        }
        &'pulpc;help;config;show'= {
        }
        &'pulpc;help;config;set'= {
        }
        &'pulpc;help;completions'= {
        }
        &'pulpc;help;man'= {
        }
        &'pulpc;help;help'= {
        }
    ]
    $completions[$command]
}
