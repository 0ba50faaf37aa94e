using System.Text.Encodings.Web;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>One invocation's streams, environment and test hooks: nothing reads <see cref="Console"/> or the environment directly.</summary>
internal sealed class CliContext(
    TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?> environment, Action<IServiceCollection>? configureServices)
{
    // Redirected output is read in files and pipes, not a window: wide enough that a table row stays one line.
    private const int RedirectedWidth = 160;
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

    /// <summary>The command's <c>--json</c>: the consoles are then plain text, without ANSI codes.</summary>
    public bool Json { get; set; }

    public IAnsiConsole Output => _output ??= CreateConsole(Stdout, plain: Json);
    public IAnsiConsole Error => _error ??= CreateConsole(Stderr, plain: Json);

    public string? Setting(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>With <c>--json</c> the value as the one document on standard output, else the text <paramref name="write"/> makes of it.</summary>
    public void Report<T>(T value, Action<IAnsiConsole> write)
    {
        if (Json)
            JsonOutput.Write(Stdout, value);
        else
            write(Output);
    }

    /// <summary>A Spectre console over one of the writers: ANSI colours and live progress only on a real terminal.</summary>
    private static IAnsiConsole CreateConsole(TextWriter writer, bool plain)
    {
        // Spectre's own detection looks at TERM, not at the writer, and would colour a file or a test's StringWriter.
        var terminal = !plain && IsTerminal(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = RedirectedWidth;

        return console;
    }

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
}

/// <summary>The one document of <c>--json</c>: camelCase, enums as names, indented, quotes readable (for scripts and people, never HTML).</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter stdout, T value)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, Options));
        stdout.Flush();
    }
}
