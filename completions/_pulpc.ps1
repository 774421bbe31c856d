
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pulpc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pulpc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pulpc' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for pulpd, before the subcommand [default: profile''s, else admin]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for pulpd (give it before the subcommand)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show pulpd''s versions, workers and storage (needs no credentials)')
            [CompletionResult]::new('repository', 'repository', [CompletionResultType]::ParameterValue, 'Create, list, show, update and delete container repositories')
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Create, list, show, update and delete container remotes (upstream registries)')
            [CompletionResult]::new('distribution', 'distribution', [CompletionResultType]::ParameterValue, 'Create, list, show, update and delete distributions (where a repository is served)')
            [CompletionResult]::new('namespace', 'namespace', [CompletionResultType]::ParameterValue, 'List, show and delete container namespaces (the first path segment of pushed images)')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'List, show, wait for and cancel asynchronous tasks')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Create, list and delete pulpd''s user accounts (administrators only)')
            [CompletionResult]::new('orphans', 'orphans', [CompletionResultType]::ParameterValue, 'Remove content no repository version references (administrators only)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check a password against pulpd and save it in the config file''s profile')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the password `pulpc login` saved (base URL and user name stay)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or change pulpc''s settings (config file profiles)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write one page per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;status' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a repository')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List repositories (sync and push), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one repository')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a repository''s description, version retention or remote')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a repository and its versions')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Repository versions')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync a repository from a remote, and print the repository version it made')
            [CompletionResult]::new('content', 'content', [CompletionResultType]::ParameterValue, 'What a repository version holds')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Point a tag of a push repository at a manifest, and print the version it made')
            [CompletionResult]::new('untag', 'untag', [CompletionResultType]::ParameterValue, 'Remove a tag from a push repository (its manifest stays), and print the version it made')
            [CompletionResult]::new('remove-image', 'remove-image', [CompletionResultType]::ParameterValue, 'Remove a manifest from a push repository, and print the version it made')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;repository;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new repository (unique)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free text describing the repository')
            [CompletionResult]::new('--retain-repo-versions', '--retain-repo-versions', [CompletionResultType]::ParameterName, 'Keep only the newest N versions (default: keep all)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Remote that `repository sync` uses when given none (name or href)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only the one with exactly this name')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only those whose name contains TEXT (ignoring case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--retain-repo-versions', '--retain-repo-versions', [CompletionResultType]::ParameterName, 'Keep only the newest N versions')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Remote that `repository sync` uses when given none (name or href)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;version' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions of a repository, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one version of a repository: its content summary')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;repository;version;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;version;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version number')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;version;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version number')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;version;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions of a repository, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one version of a repository: its content summary')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;repository;version;help;list' {
            break
        }
        'pulpc;repository;version;help;show' {
            break
        }
        'pulpc;repository;version;help;delete' {
            break
        }
        'pulpc;repository;version;help;help' {
            break
        }
        'pulpc;repository;sync' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Remote to sync from (name or href) [default: the repository''s remote]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--mirror', '--mirror', [CompletionResultType]::ParameterName, 'Mirror the remote: the new version drops what the remote no longer has')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;content' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;repository;content;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Version number [default: the latest]')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'What to list')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'What to list')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;content;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;repository;content;help;list' {
            break
        }
        'pulpc;repository;content;help;help' {
            break
        }
        'pulpc;repository;tag' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag to set')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest of a manifest in the repository''s latest version (sha256:…)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;untag' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag to remove')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;remove-image' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Name of the repository')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the repository (its UUID alone works too)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest of the manifest to remove (sha256:…)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;repository;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a repository')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List repositories (sync and push), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one repository')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a repository''s description, version retention or remote')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a repository and its versions')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Repository versions')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync a repository from a remote, and print the repository version it made')
            [CompletionResult]::new('content', 'content', [CompletionResultType]::ParameterValue, 'What a repository version holds')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Point a tag of a push repository at a manifest, and print the version it made')
            [CompletionResult]::new('untag', 'untag', [CompletionResultType]::ParameterValue, 'Remove a tag from a push repository (its manifest stays), and print the version it made')
            [CompletionResult]::new('remove-image', 'remove-image', [CompletionResultType]::ParameterValue, 'Remove a manifest from a push repository, and print the version it made')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;repository;help;create' {
            break
        }
        'pulpc;repository;help;list' {
            break
        }
        'pulpc;repository;help;show' {
            break
        }
        'pulpc;repository;help;update' {
            break
        }
        'pulpc;repository;help;delete' {
            break
        }
        'pulpc;repository;help;version' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions of a repository, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one version of a repository: its content summary')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup')
            break
        }
        'pulpc;repository;help;version;list' {
            break
        }
        'pulpc;repository;help;version;show' {
            break
        }
        'pulpc;repository;help;version;delete' {
            break
        }
        'pulpc;repository;help;sync' {
            break
        }
        'pulpc;repository;help;content' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs')
            break
        }
        'pulpc;repository;help;content;list' {
            break
        }
        'pulpc;repository;help;tag' {
            break
        }
        'pulpc;repository;help;untag' {
            break
        }
        'pulpc;repository;help;remove-image' {
            break
        }
        'pulpc;repository;help;help' {
            break
        }
        'pulpc;remote' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a container remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a remote')
            [CompletionResult]::new('pull-through', 'pull-through', [CompletionResultType]::ParameterValue, 'Pull-through remotes: upstream registries fetched from on demand')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;remote;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new remote (unique)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the upstream registry (e.g. https://registry-1.docker.io)')
            [CompletionResult]::new('--upstream-name', '--upstream-name', [CompletionResultType]::ParameterName, 'Repository name on the upstream registry (e.g. library/busybox)')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)')
            [CompletionResult]::new('--include-tags', '--include-tags', [CompletionResultType]::ParameterName, 'Sync only these tags (comma-separated, wildcards allowed)')
            [CompletionResult]::new('--exclude-tags', '--exclude-tags', [CompletionResultType]::ParameterName, 'Skip these tags (comma-separated, wildcards allowed)')
            [CompletionResult]::new('--download-concurrency', '--download-concurrency', [CompletionResultType]::ParameterName, 'How many downloads to run at once')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--tls-validation', '--tls-validation', [CompletionResultType]::ParameterName, 'Whether to verify the upstream''s TLS certificate (true/false)')
            [CompletionResult]::new('--proxy-url', '--proxy-url', [CompletionResultType]::ParameterName, 'HTTP proxy to reach the upstream through')
            [CompletionResult]::new('--upstream-ca-cert', '--upstream-ca-cert', [CompletionResultType]::ParameterName, 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'PEM file of the client certificate''s private key (stored write-only: never shown)')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries of a failed upstream request (connection errors, 5xx, 429)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed to connect to the upstream')
            [CompletionResult]::new('--total-timeout', '--total-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for a whole upstream request, download included')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header for every upstream request (repeatable); replaces the remote''s headers')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only the one with exactly this name')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only those whose name contains TEXT (ignoring case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New URL of the upstream registry')
            [CompletionResult]::new('--upstream-name', '--upstream-name', [CompletionResultType]::ParameterName, 'New repository name on the upstream registry')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)')
            [CompletionResult]::new('--include-tags', '--include-tags', [CompletionResultType]::ParameterName, 'Sync only these tags (comma-separated, wildcards allowed)')
            [CompletionResult]::new('--exclude-tags', '--exclude-tags', [CompletionResultType]::ParameterName, 'Skip these tags (comma-separated, wildcards allowed)')
            [CompletionResult]::new('--download-concurrency', '--download-concurrency', [CompletionResultType]::ParameterName, 'How many downloads to run at once')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--tls-validation', '--tls-validation', [CompletionResultType]::ParameterName, 'Whether to verify the upstream''s TLS certificate (true/false)')
            [CompletionResult]::new('--proxy-url', '--proxy-url', [CompletionResultType]::ParameterName, 'HTTP proxy to reach the upstream through')
            [CompletionResult]::new('--upstream-ca-cert', '--upstream-ca-cert', [CompletionResultType]::ParameterName, 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'PEM file of the client certificate''s private key (stored write-only: never shown)')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries of a failed upstream request (connection errors, 5xx, 429)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed to connect to the upstream')
            [CompletionResult]::new('--total-timeout', '--total-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for a whole upstream request, download included')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header for every upstream request (repeatable); replaces the remote''s headers')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;pull-through' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a pull-through remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through remote (refused while a pull-through distribution uses it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;remote;pull-through;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new remote (unique)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the upstream registry (e.g. https://registry-1.docker.io)')
            [CompletionResult]::new('--includes', '--includes', [CompletionResultType]::ParameterName, 'Only these upstream repositories (comma-separated patterns, e.g. library/*)')
            [CompletionResult]::new('--excludes', '--excludes', [CompletionResultType]::ParameterName, 'These upstream repositories may not be pulled (comma-separated patterns)')
            [CompletionResult]::new('--cache-max-size', '--cache-max-size', [CompletionResultType]::ParameterName, 'Most bytes the cache keeps (e.g. 100MiB, 20GB, 5000000); the least recently pulled images are evicted first; `none` removes the cap')
            [CompletionResult]::new('--cache-max-age', '--cache-max-age', [CompletionResultType]::ParameterName, 'Evict images not pulled for this long (e.g. 3600, 90m, 12h, 30d); `none` keeps them however old')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--tls-validation', '--tls-validation', [CompletionResultType]::ParameterName, 'Whether to verify the upstream''s TLS certificate (true/false)')
            [CompletionResult]::new('--proxy-url', '--proxy-url', [CompletionResultType]::ParameterName, 'HTTP proxy to reach the upstream through')
            [CompletionResult]::new('--upstream-ca-cert', '--upstream-ca-cert', [CompletionResultType]::ParameterName, 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'PEM file of the client certificate''s private key (stored write-only: never shown)')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries of a failed upstream request (connection errors, 5xx, 429)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed to connect to the upstream')
            [CompletionResult]::new('--total-timeout', '--total-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for a whole upstream request, download included')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header for every upstream request (repeatable); replaces the remote''s headers')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;pull-through;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only the one with exactly this name')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only those whose name contains TEXT (ignoring case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;pull-through;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;pull-through;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New URL of the upstream registry')
            [CompletionResult]::new('--includes', '--includes', [CompletionResultType]::ParameterName, 'Only these upstream repositories (comma-separated patterns, e.g. library/*)')
            [CompletionResult]::new('--excludes', '--excludes', [CompletionResultType]::ParameterName, 'These upstream repositories may not be pulled (comma-separated patterns)')
            [CompletionResult]::new('--cache-max-size', '--cache-max-size', [CompletionResultType]::ParameterName, 'Most bytes the cache keeps (e.g. 100MiB, 20GB, 5000000); the least recently pulled images are evicted first; `none` removes the cap')
            [CompletionResult]::new('--cache-max-age', '--cache-max-age', [CompletionResultType]::ParameterName, 'Evict images not pulled for this long (e.g. 3600, 90m, 12h, 30d); `none` keeps them however old')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for the upstream registry (not for pulpd)')
            [CompletionResult]::new('--tls-validation', '--tls-validation', [CompletionResultType]::ParameterName, 'Whether to verify the upstream''s TLS certificate (true/false)')
            [CompletionResult]::new('--proxy-url', '--proxy-url', [CompletionResultType]::ParameterName, 'HTTP proxy to reach the upstream through')
            [CompletionResult]::new('--upstream-ca-cert', '--upstream-ca-cert', [CompletionResultType]::ParameterName, 'PEM file of CA certificates to trust for the upstream, besides the system''s (the remote''s ca_cert; the global --ca-cert is the one pulpc trusts for pulpd)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'PEM file of the client certificate''s private key (stored write-only: never shown)')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries of a failed upstream request (connection errors, 5xx, 429)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed to connect to the upstream')
            [CompletionResult]::new('--total-timeout', '--total-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for a whole upstream request, download included')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header for every upstream request (repeatable); replaces the remote''s headers')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;pull-through;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;remote;pull-through;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a pull-through remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through remote (refused while a pull-through distribution uses it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;remote;pull-through;help;create' {
            break
        }
        'pulpc;remote;pull-through;help;list' {
            break
        }
        'pulpc;remote;pull-through;help;show' {
            break
        }
        'pulpc;remote;pull-through;help;update' {
            break
        }
        'pulpc;remote;pull-through;help;delete' {
            break
        }
        'pulpc;remote;pull-through;help;help' {
            break
        }
        'pulpc;remote;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a container remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a remote')
            [CompletionResult]::new('pull-through', 'pull-through', [CompletionResultType]::ParameterValue, 'Pull-through remotes: upstream registries fetched from on demand')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;remote;help;create' {
            break
        }
        'pulpc;remote;help;list' {
            break
        }
        'pulpc;remote;help;show' {
            break
        }
        'pulpc;remote;help;update' {
            break
        }
        'pulpc;remote;help;delete' {
            break
        }
        'pulpc;remote;help;pull-through' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a pull-through remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through remote (refused while a pull-through distribution uses it)')
            break
        }
        'pulpc;remote;help;pull-through;create' {
            break
        }
        'pulpc;remote;help;pull-through;list' {
            break
        }
        'pulpc;remote;help;pull-through;show' {
            break
        }
        'pulpc;remote;help;pull-through;update' {
            break
        }
        'pulpc;remote;help;pull-through;delete' {
            break
        }
        'pulpc;remote;help;help' {
            break
        }
        'pulpc;distribution' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a repository (or one of its versions) at a base path, and print the new distribution')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change what a distribution serves, where, or to whom, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a distribution (its repository stays)')
            [CompletionResult]::new('registry-path', 'registry-path', [CompletionResultType]::ParameterValue, 'Print only a distribution''s registry path, e.g. `localhost:24817/test`')
            [CompletionResult]::new('pull-through', 'pull-through', [CompletionResultType]::ParameterValue, 'Pull-through distributions: serve upstream repositories, fetched on first pull')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;distribution;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new distribution (unique)')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'Path under the registry host where the content is served (unique), e.g. `test` for localhost:24817/test')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Serve the latest version of this repository (name or href)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Serve version N of --repository instead of its latest version')
            [CompletionResult]::new('--repository-version', '--repository-version', [CompletionResultType]::ParameterName, 'Serve this repository version (href)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free text describing the distribution')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Require authentication to pull')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only the one with exactly this name')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only those whose name contains TEXT (ignoring case)')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'Only the one served at exactly this base path')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'New base path')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Serve the latest version of this repository (name or href) from now on')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Serve version N of --repository instead of its latest version')
            [CompletionResult]::new('--repository-version', '--repository-version', [CompletionResultType]::ParameterName, 'Serve this repository version (href) from now on')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Whether pulling requires authentication (true/false)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;registry-path' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;pull-through' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a pull-through remote''s repositories under a base path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through distribution, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through distribution (its remote stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;distribution;pull-through;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new distribution (unique)')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'Base path below which upstream repositories are served (unique)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Pull-through remote to fetch from (name or href)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free text describing the distribution')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Require authentication to pull')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;pull-through;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only the one with exactly this name')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only those whose name contains TEXT (ignoring case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;pull-through;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;pull-through;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'New base path')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Fetch from this pull-through remote (name or href) from now on')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Whether pulling requires authentication (true/false)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;pull-through;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;distribution;pull-through;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a pull-through remote''s repositories under a base path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through distribution, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through distribution (its remote stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;distribution;pull-through;help;create' {
            break
        }
        'pulpc;distribution;pull-through;help;list' {
            break
        }
        'pulpc;distribution;pull-through;help;show' {
            break
        }
        'pulpc;distribution;pull-through;help;update' {
            break
        }
        'pulpc;distribution;pull-through;help;delete' {
            break
        }
        'pulpc;distribution;pull-through;help;help' {
            break
        }
        'pulpc;distribution;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a repository (or one of its versions) at a base path, and print the new distribution')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change what a distribution serves, where, or to whom, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a distribution (its repository stays)')
            [CompletionResult]::new('registry-path', 'registry-path', [CompletionResultType]::ParameterValue, 'Print only a distribution''s registry path, e.g. `localhost:24817/test`')
            [CompletionResult]::new('pull-through', 'pull-through', [CompletionResultType]::ParameterValue, 'Pull-through distributions: serve upstream repositories, fetched on first pull')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;distribution;help;create' {
            break
        }
        'pulpc;distribution;help;list' {
            break
        }
        'pulpc;distribution;help;show' {
            break
        }
        'pulpc;distribution;help;update' {
            break
        }
        'pulpc;distribution;help;delete' {
            break
        }
        'pulpc;distribution;help;registry-path' {
            break
        }
        'pulpc;distribution;help;pull-through' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a pull-through remote''s repositories under a base path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through distribution, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through distribution (its remote stays)')
            break
        }
        'pulpc;distribution;help;pull-through;create' {
            break
        }
        'pulpc;distribution;help;pull-through;list' {
            break
        }
        'pulpc;distribution;help;pull-through;show' {
            break
        }
        'pulpc;distribution;help;pull-through;update' {
            break
        }
        'pulpc;distribution;help;pull-through;delete' {
            break
        }
        'pulpc;distribution;help;help' {
            break
        }
        'pulpc;namespace' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List namespaces, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one namespace')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a namespace with its push repositories and their distributions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;namespace;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only the one with exactly this name')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only those whose name contains TEXT (ignoring case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;namespace;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;namespace;delete' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the resource')
            [CompletionResult]::new('--href', '--href', [CompletionResultType]::ParameterName, 'Href of the resource (its UUID alone works too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;namespace;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List namespaces, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one namespace')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a namespace with its push repositories and their distributions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;namespace;help;list' {
            break
        }
        'pulpc;namespace;help;show' {
            break
        }
        'pulpc;namespace;help;delete' {
            break
        }
        'pulpc;namespace;help;help' {
            break
        }
        'pulpc;task' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tasks, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one task')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Ask pulpd to cancel a waiting or running task, and print it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;task;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only tasks in this state')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only tasks with this name (e.g. pulpcore.app.tasks.base.general_create)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;task;show' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;task;wait' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after SECS seconds (exit code 3); 0 checks once')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;task;cancel' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;task;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tasks, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one task')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Ask pulpd to cancel a waiting or running task, and print it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;task;help;list' {
            break
        }
        'pulpc;task;help;show' {
            break
        }
        'pulpc;task;help;wait' {
            break
        }
        'pulpc;task;help;cancel' {
            break
        }
        'pulpc;task;help;help' {
            break
        }
        'pulpc;user' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user, and print it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users, by user name')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user (the built-in admin cannot be deleted)')
            [CompletionResult]::new('role-assignment', 'role-assignment', [CompletionResultType]::ParameterValue, 'Give, take and list a user''s roles (as pulp-cli''s `user role-assignment`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;user;create' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Login name of the new user (unique)')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password of the new user (visible in the process list; prefer --password-stdin)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the new user''s password from the first line of stdin')
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'Make the user an administrator (may manage users)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;user;list' {
            [CompletionResult]::new('--username-contains', '--username-contains', [CompletionResultType]::ParameterName, 'Only those whose user name contains TEXT (ignoring case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;user;delete' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name of the user to delete')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;user;role-assignment' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the roles a user holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user a role on an object, or on every object of the role''s model')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a role from a user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;user;role-assignment;list' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The user')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only this role')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N entries (newest first)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every entry: follow the pages of the list (--limit is then the page size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;user;role-assignment;add' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The user')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role, e.g. container.containerdistribution_consumer')
            [CompletionResult]::new('--object', '--object', [CompletionResultType]::ParameterName, 'The object''s href; "" for every object of the role''s model')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;user;role-assignment;remove' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The user')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role')
            [CompletionResult]::new('--object', '--object', [CompletionResultType]::ParameterName, 'The object''s href the role was given on; "" for a model-wide role')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;user;role-assignment;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the roles a user holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user a role on an object, or on every object of the role''s model')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a role from a user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;user;role-assignment;help;list' {
            break
        }
        'pulpc;user;role-assignment;help;add' {
            break
        }
        'pulpc;user;role-assignment;help;remove' {
            break
        }
        'pulpc;user;role-assignment;help;help' {
            break
        }
        'pulpc;user;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user, and print it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users, by user name')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user (the built-in admin cannot be deleted)')
            [CompletionResult]::new('role-assignment', 'role-assignment', [CompletionResultType]::ParameterValue, 'Give, take and list a user''s roles (as pulp-cli''s `user role-assignment`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;user;help;create' {
            break
        }
        'pulpc;user;help;list' {
            break
        }
        'pulpc;user;help;delete' {
            break
        }
        'pulpc;user;help;role-assignment' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the roles a user holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user a role on an object, or on every object of the role''s model')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a role from a user')
            break
        }
        'pulpc;user;help;role-assignment;list' {
            break
        }
        'pulpc;user;help;role-assignment;add' {
            break
        }
        'pulpc;user;help;role-assignment;remove' {
            break
        }
        'pulpc;user;help;help' {
            break
        }
        'pulpc;orphans' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove manifests and blobs no repository version references, and their files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;orphans;cleanup' {
            [CompletionResult]::new('--protection-time', '--protection-time', [CompletionResultType]::ParameterName, 'Keep content written less than MIN minutes ago [default: pulpd''s, one day]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after SECS seconds (exit code 3; the task goes on)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Print the task''s href and return at once instead of waiting for the task')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;orphans;help' {
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove manifests and blobs no repository version references, and their files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;orphans;help;cleanup' {
            break
        }
        'pulpc;orphans;help;help' {
            break
        }
        'pulpc;login' {
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User to log in as [default: the profile''s, else admin]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin (for scripts)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;logout' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;config' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect and where each comes from (passwords masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one setting of a profile in the config file (--profile, else `default`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;config;show' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;config;set' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect and where each comes from (passwords masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one setting of a profile in the config file (--profile, else `default`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;config;help;show' {
            break
        }
        'pulpc;config;help;set' {
            break
        }
        'pulpc;config;help;help' {
            break
        }
        'pulpc;completions' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write pulpc.1, pulpc-distribution.1, pulpc-distribution-create.1, … into DIR')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Base URL of pulpd [default: the profile''s, else http://localhost:24817]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [default: default]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify pulpd''s HTTPS certificate with [default: profile''s, else system trust]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the data printed on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors in tables and messages (NO_COLOR also turns them off)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress spinner and no notes on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'pulpc;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show pulpd''s versions, workers and storage (needs no credentials)')
            [CompletionResult]::new('repository', 'repository', [CompletionResultType]::ParameterValue, 'Create, list, show, update and delete container repositories')
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Create, list, show, update and delete container remotes (upstream registries)')
            [CompletionResult]::new('distribution', 'distribution', [CompletionResultType]::ParameterValue, 'Create, list, show, update and delete distributions (where a repository is served)')
            [CompletionResult]::new('namespace', 'namespace', [CompletionResultType]::ParameterValue, 'List, show and delete container namespaces (the first path segment of pushed images)')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'List, show, wait for and cancel asynchronous tasks')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Create, list and delete pulpd''s user accounts (administrators only)')
            [CompletionResult]::new('orphans', 'orphans', [CompletionResultType]::ParameterValue, 'Remove content no repository version references (administrators only)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check a password against pulpd and save it in the config file''s profile')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the password `pulpc login` saved (base URL and user name stay)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or change pulpc''s settings (config file profiles)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write one page per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulpc;help;status' {
            break
        }
        'pulpc;help;repository' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a repository')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List repositories (sync and push), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one repository')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a repository''s description, version retention or remote')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a repository and its versions')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Repository versions')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync a repository from a remote, and print the repository version it made')
            [CompletionResult]::new('content', 'content', [CompletionResultType]::ParameterValue, 'What a repository version holds')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Point a tag of a push repository at a manifest, and print the version it made')
            [CompletionResult]::new('untag', 'untag', [CompletionResultType]::ParameterValue, 'Remove a tag from a push repository (its manifest stays), and print the version it made')
            [CompletionResult]::new('remove-image', 'remove-image', [CompletionResultType]::ParameterValue, 'Remove a manifest from a push repository, and print the version it made')
            break
        }
        'pulpc;help;repository;create' {
            break
        }
        'pulpc;help;repository;list' {
            break
        }
        'pulpc;help;repository;show' {
            break
        }
        'pulpc;help;repository;update' {
            break
        }
        'pulpc;help;repository;delete' {
            break
        }
        'pulpc;help;repository;version' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions of a repository, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one version of a repository: its content summary')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup')
            break
        }
        'pulpc;help;repository;version;list' {
            break
        }
        'pulpc;help;repository;version;show' {
            break
        }
        'pulpc;help;repository;version;delete' {
            break
        }
        'pulpc;help;repository;sync' {
            break
        }
        'pulpc;help;repository;content' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List what a repository version holds: its tags (with their manifests'' digests), manifests or blobs')
            break
        }
        'pulpc;help;repository;content;list' {
            break
        }
        'pulpc;help;repository;tag' {
            break
        }
        'pulpc;help;repository;untag' {
            break
        }
        'pulpc;help;repository;remove-image' {
            break
        }
        'pulpc;help;remote' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a container remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a remote')
            [CompletionResult]::new('pull-through', 'pull-through', [CompletionResultType]::ParameterValue, 'Pull-through remotes: upstream registries fetched from on demand')
            break
        }
        'pulpc;help;remote;create' {
            break
        }
        'pulpc;help;remote;list' {
            break
        }
        'pulpc;help;remote;show' {
            break
        }
        'pulpc;help;remote;update' {
            break
        }
        'pulpc;help;remote;delete' {
            break
        }
        'pulpc;help;remote;pull-through' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a pull-through remote')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through remotes, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through remote')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through remote''s settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through remote (refused while a pull-through distribution uses it)')
            break
        }
        'pulpc;help;remote;pull-through;create' {
            break
        }
        'pulpc;help;remote;pull-through;list' {
            break
        }
        'pulpc;help;remote;pull-through;show' {
            break
        }
        'pulpc;help;remote;pull-through;update' {
            break
        }
        'pulpc;help;remote;pull-through;delete' {
            break
        }
        'pulpc;help;distribution' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a repository (or one of its versions) at a base path, and print the new distribution')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change what a distribution serves, where, or to whom, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a distribution (its repository stays)')
            [CompletionResult]::new('registry-path', 'registry-path', [CompletionResultType]::ParameterValue, 'Print only a distribution''s registry path, e.g. `localhost:24817/test`')
            [CompletionResult]::new('pull-through', 'pull-through', [CompletionResultType]::ParameterValue, 'Pull-through distributions: serve upstream repositories, fetched on first pull')
            break
        }
        'pulpc;help;distribution;create' {
            break
        }
        'pulpc;help;distribution;list' {
            break
        }
        'pulpc;help;distribution;show' {
            break
        }
        'pulpc;help;distribution;update' {
            break
        }
        'pulpc;help;distribution;delete' {
            break
        }
        'pulpc;help;distribution;registry-path' {
            break
        }
        'pulpc;help;distribution;pull-through' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Serve a pull-through remote''s repositories under a base path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull-through distributions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull-through distribution')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a pull-through distribution, and print it')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a pull-through distribution (its remote stays)')
            break
        }
        'pulpc;help;distribution;pull-through;create' {
            break
        }
        'pulpc;help;distribution;pull-through;list' {
            break
        }
        'pulpc;help;distribution;pull-through;show' {
            break
        }
        'pulpc;help;distribution;pull-through;update' {
            break
        }
        'pulpc;help;distribution;pull-through;delete' {
            break
        }
        'pulpc;help;namespace' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List namespaces, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one namespace')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a namespace with its push repositories and their distributions')
            break
        }
        'pulpc;help;namespace;list' {
            break
        }
        'pulpc;help;namespace;show' {
            break
        }
        'pulpc;help;namespace;delete' {
            break
        }
        'pulpc;help;task' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tasks, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one task')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Ask pulpd to cancel a waiting or running task, and print it')
            break
        }
        'pulpc;help;task;list' {
            break
        }
        'pulpc;help;task;show' {
            break
        }
        'pulpc;help;task;wait' {
            break
        }
        'pulpc;help;task;cancel' {
            break
        }
        'pulpc;help;user' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user, and print it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users, by user name')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user (the built-in admin cannot be deleted)')
            [CompletionResult]::new('role-assignment', 'role-assignment', [CompletionResultType]::ParameterValue, 'Give, take and list a user''s roles (as pulp-cli''s `user role-assignment`)')
            break
        }
        'pulpc;help;user;create' {
            break
        }
        'pulpc;help;user;list' {
            break
        }
        'pulpc;help;user;delete' {
            break
        }
        'pulpc;help;user;role-assignment' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the roles a user holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user a role on an object, or on every object of the role''s model')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a role from a user')
            break
        }
        'pulpc;help;user;role-assignment;list' {
            break
        }
        'pulpc;help;user;role-assignment;add' {
            break
        }
        'pulpc;help;user;role-assignment;remove' {
            break
        }
        'pulpc;help;orphans' {
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove manifests and blobs no repository version references, and their files')
            break
        }
        'pulpc;help;orphans;cleanup' {
            break
        }
        'pulpc;help;login' {
            break
        }
        'pulpc;help;logout' {
            break
        }
        'pulpc;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect and where each comes from (passwords masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one setting of a profile in the config file (--profile, else `default`)')
            break
        }
        'pulpc;help;config;show' {
            break
        }
        'pulpc;help;config;set' {
            break
        }
        'pulpc;help;completions' {
            break
        }
        'pulpc;help;man' {
            break
        }
        'pulpc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
