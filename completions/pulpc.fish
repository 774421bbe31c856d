# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pulpc_global_optspecs
    string join \n base-url= username= password= profile= ca-cert= format= v/verbose q/quiet color= h/help V/version
end

function __fish_pulpc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pulpc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pulpc_using_subcommand
    set -l cmd (__fish_pulpc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pulpc -n "__fish_pulpc_needs_command" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_needs_command" -l username -d 'User name for pulpd, before the subcommand [default: profile\'s, else admin]' -r
complete -c pulpc -n "__fish_pulpc_needs_command" -l password -d 'Password for pulpd (give it before the subcommand)' -r
complete -c pulpc -n "__fish_pulpc_needs_command" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_needs_command" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_needs_command" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_needs_command" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_needs_command" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_needs_command" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_needs_command" -s V -l version -d 'Print version'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "status" -d 'Show pulpd\'s versions, workers and storage (needs no credentials)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "repository" -d 'Create, list, show, update and delete container repositories'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "remote" -d 'Create, list, show, update and delete container remotes (upstream registries)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "distribution" -d 'Create, list, show, update and delete distributions (where a repository is served)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "namespace" -d 'List, show and delete container namespaces (the first path segment of pushed images)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "task" -d 'List, show, wait for and cancel asynchronous tasks'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "user" -d 'Create, list and delete pulpd\'s user accounts (administrators only)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "orphans" -d 'Remove content no repository version references (administrators only)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "login" -d 'Check a password against pulpd and save it in the config file\'s profile'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "logout" -d 'Forget the password `pulpc login` saved (base URL and user name stay)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "config" -d 'Show or change pulpc\'s settings (config file profiles)'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "man" -d 'Print the man page, or write one page per subcommand into a directory'
complete -c pulpc -n "__fish_pulpc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "create" -d 'Create a repository'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "list" -d 'List repositories (sync and push), newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "show" -d 'Show one repository'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "update" -d 'Change a repository\'s description, version retention or remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "delete" -d 'Delete a repository and its versions'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "version" -d 'Repository versions'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "sync" -d 'Sync a repository from a remote, and print the repository version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "content" -d 'What a repository version holds'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "tag" -d 'Point a tag of a push repository at a manifest, and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "untag" -d 'Remove a tag from a push repository (its manifest stays), and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "remove-image" -d 'Remove a manifest from a push repository, and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and not __fish_seen_subcommand_from create list show update delete version sync content tag untag remove-image help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l name -d 'Name of the new repository (unique)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l description -d 'Free text describing the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l retain-repo-versions -d 'Keep only the newest N versions (default: keep all)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l remote -d 'Remote that `repository sync` uses when given none (name or href)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l name -d 'Only the one with exactly this name' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l name-contains -d 'Only those whose name contains TEXT (ignoring case)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N entries' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N entries (newest first)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -l all -d 'Show every entry: follow the pages of the list (--limit is then the page size)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l description -d 'New description' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l retain-repo-versions -d 'Keep only the newest N versions' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l remote -d 'Remote that `repository sync` uses when given none (name or href)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -f -a "list" -d 'List the versions of a repository, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -f -a "show" -d 'Show one version of a repository: its content summary'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -f -a "delete" -d 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from version" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l remote -d 'Remote to sync from (name or href) [default: the repository\'s remote]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l mirror -d 'Mirror the remote: the new version drops what the remote no longer has'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -f -a "list" -d 'List what a repository version holds: its tags (with their manifests\' digests), manifests or blobs'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from content" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l tag -d 'Tag to set' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l digest -d 'Digest of a manifest in the repository\'s latest version (sha256:…)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l tag -d 'Tag to remove' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l name -l repository -d 'Name of the repository' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l href -d 'Href of the repository (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l digest -d 'Digest of the manifest to remove (sha256:…)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from remove-image" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a repository'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "list" -d 'List repositories (sync and push), newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one repository'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a repository\'s description, version retention or remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a repository and its versions'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "version" -d 'Repository versions'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Sync a repository from a remote, and print the repository version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "content" -d 'What a repository version holds'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Point a tag of a push repository at a manifest, and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove a tag from a push repository (its manifest stays), and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "remove-image" -d 'Remove a manifest from a push repository, and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand repository; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "create" -d 'Create a container remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "list" -d 'List remotes, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "show" -d 'Show one remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "update" -d 'Change a remote\'s settings'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "delete" -d 'Delete a remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "pull-through" -d 'Pull-through remotes: upstream registries fetched from on demand'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and not __fish_seen_subcommand_from create list show update delete pull-through help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l name -d 'Name of the new remote (unique)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l url -d 'URL of the upstream registry (e.g. https://registry-1.docker.io)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l upstream-name -d 'Repository name on the upstream registry (e.g. library/busybox)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l policy -d 'When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)' -r -f -a "immediate\t''
on_demand\t''
streamed\t''"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l include-tags -d 'Sync only these tags (comma-separated, wildcards allowed)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l exclude-tags -d 'Skip these tags (comma-separated, wildcards allowed)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l download-concurrency -d 'How many downloads to run at once' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l username -d 'User name for the upstream registry (not for pulpd)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l password -d 'Password for the upstream registry (not for pulpd)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l tls-validation -d 'Whether to verify the upstream\'s TLS certificate (true/false)' -r -f -a "true\t''
false\t''"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l proxy-url -d 'HTTP proxy to reach the upstream through' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l upstream-ca-cert -d 'PEM file of CA certificates to trust for the upstream, besides the system\'s (the remote\'s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l client-cert -d 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l client-key -d 'PEM file of the client certificate\'s private key (stored write-only: never shown)' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l max-retries -d 'Retries of a failed upstream request (connection errors, 5xx, 429)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l connect-timeout -d 'Seconds allowed to connect to the upstream' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l total-timeout -d 'Seconds allowed for a whole upstream request, download included' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l header -d 'Extra header for every upstream request (repeatable); replaces the remote\'s headers' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l name -d 'Only the one with exactly this name' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l name-contains -d 'Only those whose name contains TEXT (ignoring case)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N entries' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N entries (newest first)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -l all -d 'Show every entry: follow the pages of the list (--limit is then the page size)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l url -d 'New URL of the upstream registry' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l upstream-name -d 'New repository name on the upstream registry' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l policy -d 'When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)' -r -f -a "immediate\t''
on_demand\t''
streamed\t''"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l include-tags -d 'Sync only these tags (comma-separated, wildcards allowed)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l exclude-tags -d 'Skip these tags (comma-separated, wildcards allowed)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l download-concurrency -d 'How many downloads to run at once' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l username -d 'User name for the upstream registry (not for pulpd)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l password -d 'Password for the upstream registry (not for pulpd)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l tls-validation -d 'Whether to verify the upstream\'s TLS certificate (true/false)' -r -f -a "true\t''
false\t''"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l proxy-url -d 'HTTP proxy to reach the upstream through' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l upstream-ca-cert -d 'PEM file of CA certificates to trust for the upstream, besides the system\'s (the remote\'s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l client-cert -d 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l client-key -d 'PEM file of the client certificate\'s private key (stored write-only: never shown)' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l max-retries -d 'Retries of a failed upstream request (connection errors, 5xx, 429)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l connect-timeout -d 'Seconds allowed to connect to the upstream' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l total-timeout -d 'Seconds allowed for a whole upstream request, download included' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l header -d 'Extra header for every upstream request (repeatable); replaces the remote\'s headers' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -f -a "create" -d 'Create a pull-through remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -f -a "list" -d 'List pull-through remotes, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -f -a "show" -d 'Show one pull-through remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -f -a "update" -d 'Change a pull-through remote\'s settings'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -f -a "delete" -d 'Delete a pull-through remote (refused while a pull-through distribution uses it)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from pull-through" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "list" -d 'List remotes, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a remote\'s settings'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "pull-through" -d 'Pull-through remotes: upstream registries fetched from on demand'
complete -c pulpc -n "__fish_pulpc_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "create" -d 'Serve a repository (or one of its versions) at a base path, and print the new distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "list" -d 'List distributions, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "show" -d 'Show one distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "update" -d 'Change what a distribution serves, where, or to whom, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "delete" -d 'Delete a distribution (its repository stays)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "registry-path" -d 'Print only a distribution\'s registry path, e.g. `localhost:24817/test`'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "pull-through" -d 'Pull-through distributions: serve upstream repositories, fetched on first pull'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and not __fish_seen_subcommand_from create list show update delete registry-path pull-through help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l name -d 'Name of the new distribution (unique)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l base-path -d 'Path under the registry host where the content is served (unique), e.g. `test` for localhost:24817/test' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l repository -d 'Serve the latest version of this repository (name or href)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l version -d 'Serve version N of --repository instead of its latest version' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l repository-version -d 'Serve this repository version (href)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l description -d 'Free text describing the distribution' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l private -d 'Require authentication to pull'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l name -d 'Only the one with exactly this name' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l name-contains -d 'Only those whose name contains TEXT (ignoring case)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l base-path -d 'Only the one served at exactly this base path' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N entries' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N entries (newest first)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -l all -d 'Show every entry: follow the pages of the list (--limit is then the page size)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l base-path -d 'New base path' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l repository -d 'Serve the latest version of this repository (name or href) from now on' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l version -d 'Serve version N of --repository instead of its latest version' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l repository-version -d 'Serve this repository version (href) from now on' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l private -d 'Whether pulling requires authentication (true/false)' -r -f -a "true\t''
false\t''"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l description -d 'New description' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from registry-path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -f -a "create" -d 'Serve a pull-through remote\'s repositories under a base path'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -f -a "list" -d 'List pull-through distributions, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -f -a "show" -d 'Show one pull-through distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -f -a "update" -d 'Change a pull-through distribution, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -f -a "delete" -d 'Delete a pull-through distribution (its remote stays)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from pull-through" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "create" -d 'Serve a repository (or one of its versions) at a base path, and print the new distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "list" -d 'List distributions, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change what a distribution serves, where, or to whom, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a distribution (its repository stays)'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "registry-path" -d 'Print only a distribution\'s registry path, e.g. `localhost:24817/test`'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "pull-through" -d 'Pull-through distributions: serve upstream repositories, fetched on first pull'
complete -c pulpc -n "__fish_pulpc_using_subcommand distribution; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -f -a "list" -d 'List namespaces, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -f -a "show" -d 'Show one namespace'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -f -a "delete" -d 'Delete a namespace with its push repositories and their distributions'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and not __fish_seen_subcommand_from list show delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l name -d 'Only the one with exactly this name' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l name-contains -d 'Only those whose name contains TEXT (ignoring case)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N entries' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N entries (newest first)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -l all -d 'Show every entry: follow the pages of the list (--limit is then the page size)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l name -d 'Name of the resource' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l href -d 'Href of the resource (its UUID alone works too)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from help" -f -a "list" -d 'List namespaces, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one namespace'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a namespace with its push repositories and their distributions'
complete -c pulpc -n "__fish_pulpc_using_subcommand namespace; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -f -a "list" -d 'List tasks, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -f -a "show" -d 'Show one task'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -f -a "wait" -d 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -f -a "cancel" -d 'Ask pulpd to cancel a waiting or running task, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and not __fish_seen_subcommand_from list show wait cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l state -d 'Only tasks in this state' -r -f -a "waiting\t''
running\t''
completed\t''
failed\t''
canceled\t''
canceling\t''"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l name -d 'Only tasks with this name (e.g. pulpcore.app.tasks.base.general_create)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N entries' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N entries (newest first)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -l all -d 'Show every entry: follow the pages of the list (--limit is then the page size)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up after SECS seconds (exit code 3); 0 checks once' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tasks, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one task'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Ask pulpd to cancel a waiting or running task, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -f -a "create" -d 'Create a user, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -f -a "list" -d 'List users, by user name'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -f -a "delete" -d 'Delete a user (the built-in admin cannot be deleted)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -f -a "role-assignment" -d 'Give, take and list a user\'s roles (as pulp-cli\'s `user role-assignment`)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and not __fish_seen_subcommand_from create list delete role-assignment help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l username -d 'Login name of the new user (unique)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l password -d 'Password of the new user (visible in the process list; prefer --password-stdin)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l password-stdin -d 'Read the new user\'s password from the first line of stdin'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -l staff -d 'Make the user an administrator (may manage users)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l username-contains -d 'Only those whose user name contains TEXT (ignoring case)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N entries' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N entries (newest first)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -l all -d 'Show every entry: follow the pages of the list (--limit is then the page size)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -l username -d 'User name of the user to delete' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -f -a "list" -d 'List the roles a user holds'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -f -a "add" -d 'Give a user a role on an object, or on every object of the role\'s model'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -f -a "remove" -d 'Take a role from a user'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from role-assignment" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a user, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users, by user name'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a user (the built-in admin cannot be deleted)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "role-assignment" -d 'Give, take and list a user\'s roles (as pulp-cli\'s `user role-assignment`)'
complete -c pulpc -n "__fish_pulpc_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -f -a "cleanup" -d 'Remove manifests and blobs no repository version references, and their files'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and not __fish_seen_subcommand_from cleanup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l protection-time -d 'Keep content written less than MIN minutes ago [default: pulpd\'s, one day]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l timeout -d 'Give up waiting after SECS seconds (exit code 3; the task goes on)' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -l no-wait -d 'Print the task\'s href and return at once instead of waiting for the task'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Remove manifests and blobs no repository version references, and their files'
complete -c pulpc -n "__fish_pulpc_using_subcommand orphans; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l username -d 'User to log in as [default: the profile\'s, else admin]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -l password-stdin -d 'Read the password from the first line of stdin (for scripts)'
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -f -a "show" -d 'Show the settings in effect and where each comes from (passwords masked)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -f -a "set" -d 'Set one setting of a profile in the config file (--profile, else `default`)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and not __fish_seen_subcommand_from show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the settings in effect and where each comes from (passwords masked)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one setting of a profile in the config file (--profile, else `default`)'
complete -c pulpc -n "__fish_pulpc_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -l out -d 'Write pulpc.1, pulpc-distribution.1, pulpc-distribution-create.1, … into DIR' -r -F
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -l base-url -d 'Base URL of pulpd [default: the profile\'s, else http://localhost:24817]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -l profile -d 'Profile of the config file to use [default: default]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -l ca-cert -d 'CA certificate (PEM) to verify pulpd\'s HTTPS certificate with [default: profile\'s, else system trust]' -r
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -l format -d 'Output format of the data printed on stdout' -r -f -a "table\t'Tables for people'
json\t'The API\'s JSON objects, pretty-printed'"
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -l color -d 'When to use colors in tables and messages (NO_COLOR also turns them off)' -r -f -a "auto\t'Color when writing to a terminal and NO_COLOR is not set'
always\t'Always color'
never\t'Never color'"
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -s v -l verbose -d 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors'
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -s q -l quiet -d 'Print no progress spinner and no notes on stderr (errors are still printed)'
complete -c pulpc -n "__fish_pulpc_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "status" -d 'Show pulpd\'s versions, workers and storage (needs no credentials)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "repository" -d 'Create, list, show, update and delete container repositories'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "remote" -d 'Create, list, show, update and delete container remotes (upstream registries)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "distribution" -d 'Create, list, show, update and delete distributions (where a repository is served)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "namespace" -d 'List, show and delete container namespaces (the first path segment of pushed images)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "task" -d 'List, show, wait for and cancel asynchronous tasks'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "user" -d 'Create, list and delete pulpd\'s user accounts (administrators only)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "orphans" -d 'Remove content no repository version references (administrators only)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "login" -d 'Check a password against pulpd and save it in the config file\'s profile'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "logout" -d 'Forget the password `pulpc login` saved (base URL and user name stay)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "config" -d 'Show or change pulpc\'s settings (config file profiles)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "man" -d 'Print the man page, or write one page per subcommand into a directory'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and not __fish_seen_subcommand_from status repository remote distribution namespace task user orphans login logout config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "create" -d 'Create a repository'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "list" -d 'List repositories (sync and push), newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "show" -d 'Show one repository'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "update" -d 'Change a repository\'s description, version retention or remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "delete" -d 'Delete a repository and its versions'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "version" -d 'Repository versions'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "sync" -d 'Sync a repository from a remote, and print the repository version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "content" -d 'What a repository version holds'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "tag" -d 'Point a tag of a push repository at a manifest, and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "untag" -d 'Remove a tag from a push repository (its manifest stays), and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from repository" -f -a "remove-image" -d 'Remove a manifest from a push repository, and print the version it made'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "create" -d 'Create a container remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "list" -d 'List remotes, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "show" -d 'Show one remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "update" -d 'Change a remote\'s settings'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "delete" -d 'Delete a remote'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "pull-through" -d 'Pull-through remotes: upstream registries fetched from on demand'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "create" -d 'Serve a repository (or one of its versions) at a base path, and print the new distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "list" -d 'List distributions, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "show" -d 'Show one distribution'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "update" -d 'Change what a distribution serves, where, or to whom, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "delete" -d 'Delete a distribution (its repository stays)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "registry-path" -d 'Print only a distribution\'s registry path, e.g. `localhost:24817/test`'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from distribution" -f -a "pull-through" -d 'Pull-through distributions: serve upstream repositories, fetched on first pull'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from namespace" -f -a "list" -d 'List namespaces, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from namespace" -f -a "show" -d 'Show one namespace'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from namespace" -f -a "delete" -d 'Delete a namespace with its push repositories and their distributions'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "list" -d 'List tasks, newest first'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "show" -d 'Show one task'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "wait" -d 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "cancel" -d 'Ask pulpd to cancel a waiting or running task, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "create" -d 'Create a user, and print it'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users, by user name'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "delete" -d 'Delete a user (the built-in admin cannot be deleted)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "role-assignment" -d 'Give, take and list a user\'s roles (as pulp-cli\'s `user role-assignment`)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from orphans" -f -a "cleanup" -d 'Remove manifests and blobs no repository version references, and their files'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the settings in effect and where each comes from (passwords masked)'
complete -c pulpc -n "__fish_pulpc_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one setting of a profile in the config file (--profile, else `default`)'
