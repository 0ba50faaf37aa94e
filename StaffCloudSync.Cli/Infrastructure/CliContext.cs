namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>
/// What one invocation of the CLI works with: its two output streams, its environment (the process's, or a test's
/// dictionary) and a test's last word on the services. Commands get it by injection, so nothing reads
/// <see cref="Console"/> or <see cref="Environment"/> directly and the whole CLI runs in-process under test.
/// </summary>
internal sealed class CliContext(
    TextWriter stdout,
    TextWriter stderr,
    IReadOnlyDictionary<string, string?> environment,
    Action<IServiceCollection>? configureServices)
{
    private IAnsiConsole? _output;
    private IAnsiConsole? _error;

    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    public IReadOnlyDictionary<string, string?> Environment { get; } = environment;

    /// <summary>Applied last to every service collection the CLI builds (tests: an instant back-off clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; } = configureServices;

    /// <summary>Set once a command starts: a non-zero code before that means the arguments were not understood.</summary>
    public bool CommandStarted { get; set; }

    /// <summary>The command words of the arguments (e.g. "tenants show"), for the "see: … --help" of a usage error.</summary>
    public string CommandPath { get; init; } = string.Empty;

    /// <summary>Set by the command from its <c>--json</c>: the consoles are then plain text, without ANSI codes.</summary>
    public bool Json { get; set; }

    /// <summary>The human-readable output (standard output), with colours only on a terminal.</summary>
    public IAnsiConsole Output => _output ??= CliConsoles.Create(Stdout, plain: Json);

    /// <summary>Logs, progress and errors (standard error); never the JSON document.</summary>
    public IAnsiConsole Error => _error ??= CliConsoles.Create(Stderr, plain: Json);

    public string? Setting(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
